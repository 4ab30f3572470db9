import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { EslClient } from './esl-client';
import type { EslClientListener } from './esl-client-listener';
import type { EslError } from '../protocol/esl-error';

/** A bare TCP server: writes `greeting` on accept (or answers nothing), records what it gets. */
async function rawServer(greeting: string | undefined) {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('error', () => undefined);
    if (greeting !== undefined) socket.write(greeting);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => Buffer.concat(received).toString('latin1'),
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function settle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('EslClient greeting check', () => {
  let client: EslClient | undefined;
  afterEach(() => {
    client?.stop();
    client = undefined;
  });

  function start(port: number, listener: EslClientListener, connectTimeoutMs = 2_000): EslClient {
    client = new EslClient(
      {
        host: '127.0.0.1',
        port,
        password: 'ClueCon-secret',
        connectTimeoutMs,
        reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
      },
      listener,
    );
    client.start();
    return client;
  }

  it('refuses an SSH server without sending the password, for good', async () => {
    const ssh = await rawServer('SSH-2.0-OpenSSH_9.2p1\r\n');
    try {
      const fatal = new Promise<EslError>((resolve) => start(ssh.port, { onFatal: resolve }));
      const error = await fatal;
      expect(error.code).toBe('ESL_ERR_NOT_FREESWITCH');
      expect(error.message).toContain('greeted with "SSH-2.0-OpenSSH_9.2p1"');
      expect(client?.state).toBe('failed');
      await settle(100);
      expect(ssh.received()).toBe('');
      expect(ssh.accepted()).toBe(1);
    } finally {
      await ssh.close();
    }
  });

  it("says so when FreeSWITCH's ACL rejects the client", async () => {
    const acl = await rawServer(
      'Content-Type: text/rude-rejection\nContent-Length: 24\n\nAccess Denied, go away.\n',
    );
    try {
      const error = await new Promise<EslError>((resolve) => start(acl.port, { onFatal: resolve }));
      expect(error.code).toBe('ESL_ERR_REJECTED');
      expect(error.message).toMatch(/apply-inbound-acl/);
      expect(acl.received()).toBe('');
    } finally {
      await acl.close();
    }
  });

  it('reports a password that is never answered as the disconnect reason, and retries', async () => {
    const mute = await rawServer('Content-Type: auth/request\n\n');
    try {
      const reason = await new Promise<Error>((resolve) =>
        start(mute.port, { onDisconnected: resolve }, 150),
      );
      expect(reason.message).toMatch(/auth got no reply within 150 ms|not answered within 150 ms/);
      expect(mute.received()).toBe('auth ClueCon-secret\n\n');
      await settle(200);
      expect(mute.accepted()).toBeGreaterThan(1);
    } finally {
      await mute.close();
    }
  });

  it('reports a server that never greets', async () => {
    const silent = await rawServer(undefined);
    try {
      const reason = await new Promise<Error>((resolve) =>
        start(silent.port, { onDisconnected: resolve }, 150),
      );
      expect(reason.message).toMatch(/no Event Socket greeting .* within 150 ms/);
      expect(silent.received()).toBe('');
    } finally {
      await silent.close();
    }
  });
});
