import { join } from 'node:path';
import { PbxSimulator } from '../pbx-simulator';
import { AmiTestClient, get } from '../testing/ami-test-client';
import { readAmiCapture } from './ami-capture';

const CAPTURE = join(__dirname, '../../../../test/fixtures/asterisk/run1/run1.ami.gz');

describe(readAmiCapture.name, () => {
  it('reads the events of a gzipped capture, without the banner and responses', () => {
    const messages = readAmiCapture(CAPTURE);
    const joins = messages.filter((m) => m.event === 'QueueCallerJoin');
    expect(joins).toHaveLength(80);
    expect(messages.some((m) => m.data.toString().startsWith('Response:'))).toBe(false);
    expect(messages.every((m, i) => i === 0 || m.receivedAt >= messages[i - 1].receivedAt)).toBe(
      true,
    );
  });

  it('replays the capture to a logged-in client, accelerated, every event in order', async () => {
    const messages = readAmiCapture(CAPTURE);
    const sim = await PbxSimulator.start({
      replay: CAPTURE,
      speed: 200,
      ami: { port: 0, secret: 'secret' },
    });
    const client = await AmiTestClient.connect(sim.port);
    try {
      await client.login();
      await sim.finished();
      // Our own FullyBooted after Login comes first, then the capture's events.
      await client.waitUntil(() => client.frames.length >= messages.length + 2, 10_000);
      const events = client.frames.filter((f) => get(f, 'Event') !== undefined).slice(1);
      expect(events).toHaveLength(messages.length);
      expect(events.map((f) => get(f, 'Event'))).toEqual(messages.map((m) => m.event));
    } finally {
      client.close();
      await sim.stop();
    }
  });
});
