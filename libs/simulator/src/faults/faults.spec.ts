import { connect } from 'node:net';
import type { PbxSimulator } from '../pbx-simulator';
import { startSmallDemo, WEEKDAY_MORNING } from '../testing/small-demo-simulator';
import { AmiTestClient, get } from '../testing/ami-test-client';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('PbxSimulator faults', () => {
  let sim: PbxSimulator;
  let client: AmiTestClient;

  beforeEach(async () => {
    sim = await startSmallDemo({ seed: 4, durationMs: 6 * 3600_000, speed: 300 });
    client = await AmiTestClient.connect(sim.port);
    await client.login();
  });
  afterEach(async () => {
    client.close();
    await sim.stop();
  });

  it('drop: closes every client connection', async () => {
    await sim.inject({ kind: 'drop' });
    await client.waitClosed();
    expect(client.closed).toBe(true);
  });

  it('refuse: reconnects fail for N seconds, then succeed; connected clients stay', async () => {
    const over = sim.inject({ kind: 'refuse', seconds: 0.4 });
    expect(await canConnect(sim.port)).toBe(false);
    await over;
    expect(await canConnect(sim.port)).toBe(true);
    expect(client.closed).toBe(false);
  });

  it('restart: clients dropped, port down, calls go on meanwhile', async () => {
    const callsBefore = sim.truth.calls().length;
    const over = sim.inject({ kind: 'restart', seconds: 0.5 });
    await client.waitClosed();
    expect(await canConnect(sim.port)).toBe(false);
    await over;
    expect(await canConnect(sim.port)).toBe(true);
    expect(sim.truth.calls().length).toBeGreaterThan(callsBefore);
  });

  it('duplicate: resends events', async () => {
    const from = client.frames.length;
    await sim.inject({ kind: 'duplicate', count: 200 });
    await client.waitUntil(() => client.frames.length > from + 400, 10_000);
    const raws = client.frames.slice(from).map((f) => f.raw);
    const repeats = raws.filter((raw, i) => i > 0 && raw === raws[i - 1]).length;
    expect(repeats).toBeGreaterThan(50);
  });

  it('delay: holds events back while actions are still answered, then sends them in order', async () => {
    await client.waitUntil(() => client.frames.length > 50);
    await sim.inject({ kind: 'delay', seconds: 0.8 });
    await sleep(100); // events already on the wire before the fault still arrive
    const from = client.frames.length;
    const pong = await client.request('Ping');
    await sleep(200);
    const during = client.frames.slice(from).filter((f) => get(f, 'Event') !== undefined);
    expect(get(pong, 'Ping')).toBe('Pong');
    expect(during).toHaveLength(0);
    await client.waitFor((f) => get(f, 'Event') !== undefined, 5000, from);
  });

  it('malformed: sends a header line with no colon', async () => {
    await sim.inject({ kind: 'malformed' });
    const frame = await client.waitFor(
      (f) =>
        f.headers.some(([, v]) => v === '' && !f.raw.includes(': ')) ||
        f.raw.includes('\r\nthis header line has no colon'),
    );
    expect(frame.raw.split('\r\n').some((line) => !line.includes(':'))).toBe(true);
  });

  it('oversized: sends a frame over 1 MiB', async () => {
    await sim.inject({ kind: 'oversized', bytes: 1_100_000 });
    const frame = await client.waitFor((f) => f.raw.length > 1_000_000);
    expect(get(frame, 'Event')).toBe('SimulatorGlitch');
  });

  it('stall: neither reads nor writes for N seconds (a Ping waits), then catches up', async () => {
    await sim.inject({ kind: 'stall', seconds: 0.6 });
    const from = client.frames.length;
    const id = client.send('Ping');
    await sleep(300);
    expect(client.frames.slice(from).some((f) => get(f, 'ActionID') === id)).toBe(false);
    const pong = await client.waitFor((f) => get(f, 'ActionID') === id, 5000, from);
    expect(get(pong, 'Ping')).toBe('Pong');
  });
});

describe('PbxSimulator planned faults', () => {
  it('applies a fault planned at a simulated offset (options.faults)', async () => {
    const sim = await startSmallDemo({
      seed: 4,
      durationMs: 6 * 3600_000,
      speed: 1200,
      faults: [{ at: '20m', fault: { kind: 'drop' } }],
    });
    const client = await AmiTestClient.connect(sim.port);
    try {
      await client.login();
      const faults: string[] = [];
      sim.on('fault', (f: { kind: string }) => faults.push(f.kind));
      await client.waitClosed(10_000);
      expect(faults).toEqual(['drop']);
      expect(sim.now).toBeGreaterThanOrEqual(WEEKDAY_MORNING + 20 * 60_000);
    } finally {
      client.close();
      await sim.stop();
    }
  });
});
