import { AmiClient } from './ami-client';
import { AmiAuthError } from './ami-client-errors';
import { FakeAmiServer } from '../testing/fake-ami-server';
import {
  connectedClient,
  fakeServerClientOptions,
  nextClientEvent,
  settle,
} from '../testing/ami-client-test-kit';

describe(AmiClient.name, () => {
  let server: FakeAmiServer;
  let client: AmiClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await server.stop();
  });

  it('logs in with events off, adds the filters, turns events on, then reports connected', async () => {
    server = await FakeAmiServer.start({ secret: 'right' });
    const states: string[] = [];
    client = new AmiClient(
      fakeServerClientOptions(server, {
        filters: ['Event: QueueCallerJoin', 'Event: AgentConnect'],
      }),
    );
    client.on('stateChange', (state) => states.push(state));
    const connected = nextClientEvent(client, 'connected');
    client.start();
    const [info] = await connected;

    expect(info.banner).toBe('Asterisk Call Manager/11.0.0');
    expect(client.state).toBe('connected');
    expect(states).toEqual(['connecting', 'authenticating', 'connected']);
    // Events only once every filter is in place: Asterisk applies each filter as it is added,
    // so events flowing between the first and the last would be cut by the first alone.
    expect(server.actions.map((action) => action.name)).toEqual([
      'Login',
      'Filter',
      'Filter',
      'Events',
    ]);
    expect(server.actions[0].get('Username')).toBe('monitor');
    expect(server.actions[0].get('Secret')).toBe('right');
    expect(server.actions[0].get('Events')).toBe('off');
    expect(server.actions[3].get('EventMask')).toBe('on');
    expect(
      server.actions.slice(1, 3).map((action) => [action.get('Operation'), action.get('Filter')]),
    ).toEqual([
      ['Add', 'Event: QueueCallerJoin'],
      ['Add', 'Event: AgentConnect'],
    ]);
    expect(client.stats.connects).toBe(1);
  });

  it('fails for good on a wrong secret, saying so, and does not reconnect', async () => {
    server = await FakeAmiServer.start({ secret: 'right' });
    client = new AmiClient(
      fakeServerClientOptions(server, {
        secret: 'wrong',
        reconnect: { initialDelayMs: 1, maxDelayMs: 1, multiplier: 1, jitter: 0 },
      }),
    );
    const fatal = nextClientEvent(client, 'fatal');
    client.start();
    const [error] = await fatal;

    expect(error).toBeInstanceOf(AmiAuthError);
    expect((error as AmiAuthError).code).toBe('AMI_ERR_AUTH_FAILED');
    expect(error.message).toMatch(
      /login as "monitor" at 127\.0\.0\.1:\d+ was refused by the PBX \(Authentication failed\)/,
    );
    expect(error.message).toMatch(/not retrying/);
    expect(client.state).toBe('failed');
    await settle(30); // many times the 1 ms reconnect delay
    expect(server.acceptedConnections).toBe(1);
    expect(client.stats.reconnects).toBe(0);
    expect(client.state).toBe('failed');
  });

  it('runs unfiltered when the PBX refuses the Filter action', async () => {
    server = await FakeAmiServer.start({ refuseFilter: true });
    client = await connectedClient(server, {
      filters: ['Event: QueueCallerJoin', 'Event: AgentConnect'],
    });

    expect(client.state).toBe('connected');
    expect(server.actions.filter((action) => action.name === 'Filter')).toHaveLength(1);
    const event = nextClientEvent(client, 'event');
    server.sendEvent({ Event: 'VarSet', Variable: 'X', Value: '1' });
    const [message] = await event;
    expect(message.get('Variable')).toBe('X');
  });

  it('logs off on stop and does not reconnect', async () => {
    server = await FakeAmiServer.start();
    client = await connectedClient(server);
    await client.stop();

    expect(server.actions.at(-1)?.name).toBe('Logoff');
    expect(client.state).toBe('stopped');
    await settle(30);
    expect(server.acceptedConnections).toBe(1);
  });
});
