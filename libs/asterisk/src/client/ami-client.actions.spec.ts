import { AmiClient } from './ami-client';
import { AmiActionError, AmiDisconnectedError, AmiTimeoutError } from './ami-client-errors';
import { FakeAmiServer, defaultQueueStatus } from '../testing/fake-ami-server';
import { connectedClient, fakeServerClientOptions } from '../testing/ami-client-test-kit';
import type { AmiMessage } from '../protocol/ami-message';

describe(AmiClient.name, () => {
  let server: FakeAmiServer;
  let client: AmiClient;

  beforeEach(async () => {
    server = await FakeAmiServer.start();
    client = await connectedClient(server);
  });

  afterEach(async () => {
    await client.stop();
    await server.stop();
  });

  it('resolves an action with its Response', async () => {
    const response = await client.send({ action: 'Ping' });
    expect(response.response).toBe('Success');
    expect(response.get('Ping')).toBe('Pong');
    expect(response.actionId).toBe(server.actions.at(-1)?.actionId);
  });

  it('rejects with AmiActionError on Response: Error', async () => {
    const failure = client.send({ action: 'NoSuchAction' });
    await expect(failure).rejects.toBeInstanceOf(AmiActionError);
    await expect(failure).rejects.toThrow(
      'AMI action NoSuchAction failed: Invalid/unknown command',
    );
  });

  it('times an unanswered action out after its own timeout, and keeps the link', async () => {
    server.handle('Status', () => undefined);
    const failure = client.send({ action: 'Status' }, { timeoutMs: 30 });
    await expect(failure).rejects.toBeInstanceOf(AmiTimeoutError);
    await expect(failure).rejects.toThrow(
      'AMI action Status got no complete response within 30 ms',
    );
    expect(client.state).toBe('connected');
    await expect(client.send({ action: 'Ping' })).resolves.toBeDefined();
  });

  it('collects a list action’s events up to EventList: Complete, without emitting them as events', async () => {
    const emitted: AmiMessage[] = [];
    client.on('event', (message) => emitted.push(message));
    const { response, events } = await client.sendList({ action: 'QueueStatus' });

    expect(response.get('EventList')).toBe('start');
    expect(events.map((event) => event.event)).toEqual(
      defaultQueueStatus.map((event) => (event as Record<string, string>).Event),
    );
    expect(events.every((event) => event.actionId === response.actionId)).toBe(true);
    expect(emitted).toHaveLength(0);
  });

  it('rejects every pending action when the link drops', async () => {
    server.handle('Status', () => undefined);
    const pending = [client.send({ action: 'Status' }), client.sendList({ action: 'Status' })];
    await server.waitForAction(
      'Status',
      () => server.actions.filter((action) => action.name === 'Status').length === 2,
      true,
    );
    server.dropConnections();
    for (const failure of pending) {
      await expect(failure).rejects.toBeInstanceOf(AmiDisconnectedError);
      await expect(failure).rejects.toThrow(/link lost/);
    }
  });

  it('rejects an action sent while not connected', async () => {
    const idle = new AmiClient(fakeServerClientOptions(server));
    await expect(idle.send({ action: 'Ping' })).rejects.toThrow(
      'AMI action Ping not answered: not connected (state idle)',
    );
    await client.stop();
    await expect(client.send({ action: 'Ping' })).rejects.toBeInstanceOf(AmiDisconnectedError);
  });

  it('refuses header injection instead of writing it', async () => {
    const sentBefore = server.actions.length;
    await expect(
      client.send({ action: 'Ping', headers: { Note: 'x\r\nAction: Logoff' } }),
    ).rejects.toMatchObject({ code: 'AMI_ERR_HEADER_INJECTION' });
    await client.send({ action: 'Ping' });
    expect(server.actions.slice(sentBefore).map((action) => action.name)).toEqual(['Ping']);
  });

  it('gives every action on the wire its own ActionID', async () => {
    const sends = Array.from({ length: 2_000 }, () => client.send({ action: 'Ping' }));
    const responses = await Promise.all(sends);
    const wireIds = new Set(server.actions.map((action) => action.actionId));
    expect(wireIds.size).toBe(server.actions.length);
    expect(new Set(responses.map((response) => response.actionId)).size).toBe(2_000);
  });
});
