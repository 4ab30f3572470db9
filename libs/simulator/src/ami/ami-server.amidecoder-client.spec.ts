import { connect } from 'node:net';
import { AmiDecoder, encodeAction, type AmiDecoded } from '@hotline/asterisk/protocol';
import { PbxSimulator } from '../pbx-simulator';

/** node:net + the project's AmiDecoder: what the monitor itself will read. */
describe('AmiServer (read with the project AmiDecoder)', () => {
  it('streams frames the decoder reads without errors, and its malformed/oversized faults are caught', async () => {
    const sim = await PbxSimulator.start({
      scenario: 'small-demo',
      seed: 12,
      startAt: Date.parse('2021-01-04T10:00:00+08:00'),
      durationMs: 3600_000,
      speed: 600,
      ami: { port: 0, secret: 'secret' },
    });
    const decoder = new AmiDecoder({ maxMessageBytes: 256 * 1024 });
    const decoded: AmiDecoded[] = [];
    const socket = connect(sim.port, '127.0.0.1');
    socket.on('data', (chunk: Buffer) => decoded.push(...decoder.push(chunk)));
    const until = async (condition: () => boolean): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const messages = (): string[] =>
      decoded.flatMap((d) =>
        d.ok ? [d.message.event ?? d.message.response ?? d.message.get('Banner') ?? ''] : [],
      );
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        encodeAction(
          { action: 'Login', headers: { Username: 'monitor', Secret: 'secret' } },
          'l-1',
        ),
      );
      await until(() => messages().filter((m) => m === 'AgentComplete').length >= 5);
      expect(messages()[0]).toBe('Asterisk Call Manager/11.0.0');
      expect(decoded.every((d) => d.ok)).toBe(true);
      expect(messages()).toContain('QueueCallerJoin');

      await sim.inject({ kind: 'malformed' });
      await sim.inject({ kind: 'oversized', bytes: 400 * 1024 });
      await until(() => decoded.filter((d) => !d.ok).length >= 2);
      const before = messages().length;
      await until(() => messages().length > before + 100);
    } finally {
      socket.destroy();
      await sim.stop();
    }
  });
});
