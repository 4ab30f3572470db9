import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { AmiClient } from './ami-client';
import { AmiNotAsteriskError } from './ami-client-errors';
import type { AmiLogger } from './ami-logger';
import { FakeAmiServer } from '../testing/fake-ami-server';
import { fakeServerClientOptions, nextClientEvent, settle } from '../testing/ami-client-test-kit';

/** Records what the client logs, by level. */
function recordingLogger() {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at =
    (level: string) =>
    (obj: object, msg: string): void => {
      lines.push({ level, msg, obj });
    };
  const logger: AmiLogger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

/** A bare TCP server that writes `greeting` on accept and records every byte it receives. */
async function rawServer(greeting: Buffer[]): Promise<{
  server: Server;
  port: number;
  received: () => string;
  accepted: () => number;
}> {
  const chunks: Buffer[] = [];
  let accepted = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('data', (data: Buffer) => chunks.push(data));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    void (async () => {
      for (const part of greeting) {
        socket.write(part);
        await settle(20);
      }
    })();
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    received: () => Buffer.concat(chunks).toString('latin1'),
    accepted: () => accepted,
  };
}

function closeServer(server: Server): Promise<void> {
  server.emit('close');
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('AmiClient greeting check', () => {
  let client: AmiClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('refuses an SSH server: no Login, no secret, fatal AMI_ERR_NOT_ASTERISK, no retry, logged once', async () => {
    const ssh = await rawServer([Buffer.from('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n')]);
    try {
      const { logger, lines } = recordingLogger();
      client = new AmiClient(
        {
          host: '127.0.0.1',
          port: ssh.port,
          username: 'monitor',
          secret: 'the-secret-0123',
          heartbeatIntervalMs: 0,
          connectTimeoutMs: 2_000,
          reconnect: { initialDelayMs: 1, maxDelayMs: 1, multiplier: 1, jitter: 0 },
        },
        logger,
      );
      const fatal = nextClientEvent(client, 'fatal');
      client.start();
      const [error] = await fatal;

      expect(error).toBeInstanceOf(AmiNotAsteriskError);
      expect((error as AmiNotAsteriskError).code).toBe('AMI_ERR_NOT_ASTERISK');
      expect(error.message).toContain('greeted with "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"');
      expect(client.state).toBe('failed');
      await settle(100); // many reconnect delays
      expect(ssh.received()).toBe('');
      expect(ssh.accepted()).toBe(1);
      const errors = lines.filter((l) => l.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].obj).toMatchObject({ code: 'AMI_ERR_NOT_ASTERISK' });
    } finally {
      await closeServer(ssh.server);
    }
  });

  it('refuses binary or an over-long first line, printing only printable characters', async () => {
    const junk = await rawServer([Buffer.alloc(600, 0x07)]);
    try {
      client = new AmiClient({
        host: '127.0.0.1',
        port: junk.port,
        username: 'monitor',
        secret: 'the-secret-0123',
        heartbeatIntervalMs: 0,
      });
      const fatal = nextClientEvent(client, 'fatal');
      client.start();
      const [error] = await fatal;
      expect((error as AmiNotAsteriskError).greeting).toBe('.'.repeat(80));
      expect(junk.received()).toBe('');
    } finally {
      await closeServer(junk.server);
    }
  });

  it('logs in once the greeting line is complete, even when it arrives in pieces', async () => {
    const server = await FakeAmiServer.start({ banner: null });
    try {
      // The fake server sends no banner of its own here; the test sends it in three writes.
      const connection = server.waitForConnection();
      client = new AmiClient(fakeServerClientOptions(server));
      const connected = nextClientEvent(client, 'connected');
      client.start();
      const conn = await connection;
      conn.write('Asterisk Call');
      await settle(30);
      expect(server.actions).toHaveLength(0);
      conn.write(' Manager/22.5.2');
      await settle(30);
      expect(server.actions).toHaveLength(0);
      conn.write('\r\n');
      const [info] = await connected;
      expect(info.banner).toBe('Asterisk Call Manager/22.5.2');
      expect(server.actions[0].name).toBe('Login');
    } finally {
      await client?.stop();
      client = undefined;
      await server.stop();
    }
  });

  it('drops a server that never greets, without sending anything, and tries again', async () => {
    const server = await FakeAmiServer.start({ banner: null });
    try {
      client = new AmiClient(fakeServerClientOptions(server, { connectTimeoutMs: 150 }));
      const reconnecting = nextClientEvent(client, 'reconnecting');
      client.start();
      const [info] = await reconnecting;
      expect(info.reason).toMatch(/no AMI greeting .* within 150 ms/);
      expect(server.actions).toHaveLength(0);
    } finally {
      await client?.stop();
      client = undefined;
      await server.stop();
    }
  });

  it('logs a Login that is never answered at warn, once per streak, and keeps retrying', async () => {
    const server = await FakeAmiServer.start();
    server.handle('Login', () => undefined);
    try {
      const { logger, lines } = recordingLogger();
      client = new AmiClient(fakeServerClientOptions(server, { actionTimeoutMs: 100 }), logger);
      client.start();
      await server.waitForAction('Login', (a) => a.connection === 3);
      const warnings = lines.filter((l) => l.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0].msg).toMatch(/AMI Login not answered/);
      expect(warnings[0].obj).toMatchObject({
        reason: expect.stringMatching(/login not answered/),
      });
      expect(client.state).not.toBe('failed');
    } finally {
      await client?.stop();
      client = undefined;
      await server.stop();
    }
  });
});
