import { AmiClient } from './ami-client';
import { FakeAmiServer } from '../testing/fake-ami-server';
import { connectedClient, nextClientEvent, settle } from '../testing/ami-client-test-kit';
import type { AmiMessage } from '../protocol/ami-message';

describe(AmiClient.name, () => {
  let server: FakeAmiServer;
  let client: AmiClient | undefined;

  beforeEach(async () => {
    server = await FakeAmiServer.start();
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await server.stop();
  });

  it('drops the link and reconnects when a Ping goes unanswered', async () => {
    client = await connectedClient(server, { heartbeatIntervalMs: 10, heartbeatTimeoutMs: 40 });
    await server.waitForAction('Ping', () => true, true); // answered: the heartbeat keeps running
    server.setAnswerPings(false);
    const [lost] = await nextClientEvent(client, 'disconnected');
    expect(lost.reason).toBe('heartbeat: no answer to Ping within 40 ms');

    server.setAnswerPings(true);
    await nextClientEvent(client, 'connected');
    expect(client.stats.connects).toBe(2);
    expect(server.acceptedConnections).toBe(2);
  });

  it('reconnects with growing, capped delays while the PBX refuses connections, then logs in again', async () => {
    client = await connectedClient(server, {
      reconnect: { initialDelayMs: 10, maxDelayMs: 40, multiplier: 2, jitter: 0.5 },
      random: () => 1,
    });
    const delays: number[] = [];
    client.on('reconnecting', ({ delayMs }) => delays.push(delayMs));
    server.refuseConnectionsFor(250);
    server.dropConnections();
    await nextClientEvent(client, 'connected');

    // random() = 1 draws the whole jitter: each delay is half its base 10, 20, 40, 40, …
    expect(delays.length).toBeGreaterThanOrEqual(4);
    expect(delays.slice(0, 4)).toEqual([5, 10, 20, 20]);
    expect(delays.every((delay) => delay === 5 || delay === 10 || delay === 20)).toBe(true);
    expect(client.stats.reconnects).toBe(delays.length);
    expect(client.state).toBe('connected');
  });

  it('starts the backoff again after a connection that stayed up long enough', async () => {
    client = await connectedClient(server, {
      stableConnectionMs: 0,
      reconnect: { initialDelayMs: 10, maxDelayMs: 1_000, multiplier: 3, jitter: 0 },
    });
    const delays: number[] = [];
    client.on('reconnecting', ({ delayMs }) => delays.push(delayMs));
    for (let drop = 0; drop < 3; drop += 1) {
      const back = nextClientEvent(client, 'connected');
      server.dropConnections();
      await back;
    }
    expect(delays).toEqual([10, 10, 10]);
  });

  it('never merges a half message from a dropped connection into the next one', async () => {
    client = await connectedClient(server);
    const events: AmiMessage[] = [];
    client.on('event', (message) => events.push(message));
    server.broadcast('Event: Newchannel\r\nChannel: Local/old-00000001;1\r\nUniq');
    await settle(20); // let the client read the half message before the link drops
    const back = nextClientEvent(client, 'connected');
    server.dropConnections();
    await back;
    const received = nextClientEvent(client, 'event');
    server.sendEvent({
      Event: 'Hangup',
      Channel: 'Local/new-00000002;1',
      Uniqueid: '1795916700.2',
    });
    await received;

    expect(events).toHaveLength(1);
    expect(events[0].event).toBe('Hangup');
    expect(events[0].toJSON()).toEqual({
      Event: 'Hangup',
      Channel: 'Local/new-00000002;1',
      Uniqueid: '1795916700.2',
    });
  });

  it('skips a malformed frame, counts it, and keeps running', async () => {
    client = await connectedClient(server);
    const protocolErrors: string[] = [];
    client.on('protocolError', (error) => protocolErrors.push(error.code));
    const events: AmiMessage[] = [];
    client.on('event', (message) => events.push(message));
    const after = nextClientEvent(client, 'event');
    server.broadcast('Event: VarSet\r\nthis line has no colon\r\n\r\n');
    server.sendEvent({ Event: 'QueueCallerJoin', Queue: '12345', Position: '1' });
    await after;

    expect(client.stats.protocolErrors).toBe(1);
    expect(protocolErrors).toHaveLength(1);
    expect(events.map((message) => message.event)).toEqual(['QueueCallerJoin']);
    expect(client.state).toBe('connected');
    expect(client.stats.eventsReceived).toBe(1);
  });
});
