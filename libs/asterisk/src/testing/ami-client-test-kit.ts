import { once } from 'node:events';
import { AmiClient, type AmiClientEvents } from '../client/ami-client';
import type { AmiClientOptions } from '../client/ami-client-options';
import type { FakeAmiServer } from './fake-ami-server';

/** Client options pointing at a fake server: no heartbeat, millisecond reconnects. */
export function fakeServerClientOptions(
  server: FakeAmiServer,
  overrides: Partial<AmiClientOptions> = {},
): AmiClientOptions {
  return {
    host: server.host,
    port: server.port,
    username: server.username,
    secret: server.secret,
    heartbeatIntervalMs: 0,
    actionTimeoutMs: 2_000,
    connectTimeoutMs: 2_000,
    reconnect: { initialDelayMs: 5, maxDelayMs: 50, multiplier: 2, jitter: 0 },
    ...overrides,
  };
}

/** Resolves with the arguments of the client's next `name` event. */
export function nextClientEvent<K extends keyof AmiClientEvents>(
  client: AmiClient,
  name: K,
): Promise<AmiClientEvents[K]> {
  return once(client, name) as Promise<AmiClientEvents[K]>;
}

/** Starts a client and resolves once it is connected. */
export async function connectedClient(
  server: FakeAmiServer,
  overrides: Partial<AmiClientOptions> = {},
): Promise<AmiClient> {
  const client = new AmiClient(fakeServerClientOptions(server, overrides));
  const connected = nextClientEvent(client, 'connected');
  client.start();
  await connected;
  return client;
}

/** Lets pending socket I/O and timers of `ms` run. */
export function settle(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
