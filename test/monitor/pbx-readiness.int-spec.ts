import { createServer, type AddressInfo, type Server } from 'node:net';
import { FakeAmiServer } from '@hotline/asterisk/testing/fake-ami-server';
import { startMonitor, waitFor, type RunningMonitor } from '../support/monitor-harness';

/**
 * /health/ready names why the monitor is not ready, on the real app with the real AMI client:
 * another service on the AMI port (its banner is not Asterisk's: the secret is never sent),
 * a refused login, a Login never answered.
 */

interface Readiness {
  status: string;
  code?: string;
  reason?: string;
}

async function readiness(monitor: RunningMonitor): Promise<{ http: number; body: Readiness }> {
  const response = await fetch(`${monitor.baseUrl}/health/ready`);
  return { http: response.status, body: (await response.json()) as Readiness };
}

function asterisk(port: number, secret: string) {
  return {
    pbx: {
      type: 'asterisk' as const,
      asterisk: {
        host: '127.0.0.1',
        port,
        username: 'monitor',
        secret,
        actionTimeoutMs: 300,
        connectTimeoutMs: 1_000,
        heartbeatIntervalMs: 60_000,
        reconnect: { initialDelayMs: 50, maxDelayMs: 200, multiplier: 2, jitter: 0 },
      },
    },
  };
}

describe('/health/ready names the reason', () => {
  let monitor: RunningMonitor | undefined;
  afterEach(async () => {
    await monitor?.close();
    monitor = undefined;
  });

  it('another service on the AMI port: not Asterisk, nothing sent, not retried', async () => {
    const received: Buffer[] = [];
    let accepted = 0;
    const ssh: Server = createServer((socket) => {
      accepted += 1;
      socket.on('data', (data: Buffer) => received.push(data));
      socket.on('error', () => undefined);
      socket.write('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n');
    });
    await new Promise<void>((resolve) => ssh.listen(0, '127.0.0.1', resolve));
    try {
      const port = (ssh.address() as AddressInfo).port;
      monitor = await startMonitor(asterisk(port, 'ssh-must-not-see-this'));
      await waitFor('the AMI_ERR_NOT_ASTERISK reason', async () => {
        return (await readiness(monitor as RunningMonitor)).body.code === 'AMI_ERR_NOT_ASTERISK';
      });
      const { http, body } = await readiness(monitor);
      expect(http).toBe(503);
      expect(body.status).toBe('not-ready');
      expect(body.reason).toMatch(/^link down: the server at 127\.0\.0\.1:\d+ is not an Asterisk/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(accepted).toBe(1);
      expect(Buffer.concat(received).length).toBe(0);
    } finally {
      await new Promise<void>((resolve) => ssh.close(() => resolve()));
    }
  });

  it('a refused login, and a Login never answered', async () => {
    const server = await FakeAmiServer.start({ secret: 'right-secret' });
    try {
      monitor = await startMonitor(asterisk(server.port, 'wrong-secret'));
      await waitFor('the login refusal', async () => {
        return (await readiness(monitor as RunningMonitor)).body.code === 'AMI_ERR_AUTH_FAILED';
      });
      expect((await readiness(monitor)).body.reason).toMatch(/was refused by the PBX/);
      await monitor.close();

      server.handle('Login', () => undefined);
      monitor = await startMonitor(asterisk(server.port, 'right-secret'));
      await waitFor('the unanswered login', async () => {
        const { body } = await readiness(monitor as RunningMonitor);
        return body.code === 'PBX_LINK_DOWN' && /login not answered/.test(body.reason ?? '');
      });
    } finally {
      await server.stop();
    }
  });
});
