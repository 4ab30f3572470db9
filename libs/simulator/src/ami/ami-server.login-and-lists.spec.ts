import type { PbxSimulator } from '../pbx-simulator';
import { startSmallDemo, WEEKDAY_MORNING } from '../testing/small-demo-simulator';
import { AmiTestClient, get, isEvent } from '../testing/ami-test-client';

describe('AmiServer (login, actions, lists)', () => {
  let sim: PbxSimulator;
  const clients: AmiTestClient[] = [];
  const open = async (): Promise<AmiTestClient> => {
    const c = await AmiTestClient.connect(sim.port);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    sim = await startSmallDemo({ seed: 3, durationMs: 3600_000, speed: 120 });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await sim.stop();
  });

  it('greets like Asterisk and rejects a wrong secret, then closes', async () => {
    const c = await open();
    const reply = await c.login('wrong');
    expect(c.greeting).toBe('Asterisk Call Manager/11.0.0');
    expect(get(reply, 'Response')).toBe('Error');
    expect(get(reply, 'Message')).toBe('Authentication failed');
    await c.waitClosed();
  });

  it('refuses actions before login', async () => {
    const c = await open();
    const reply = await c.request('Ping');
    expect(get(reply, 'Response')).toBe('Error');
  });

  it('logs in, answers Ping with the simulated time and streams timestamped queue events', async () => {
    const c = await open();
    const reply = await c.login();
    expect(get(reply, 'Message')).toBe('Authentication accepted');
    const pong = await c.request('Ping');
    expect(get(pong, 'Ping')).toBe('Pong');
    const pingTime = Number(get(pong, 'Timestamp')) * 1000;
    expect(pingTime).toBeGreaterThanOrEqual(WEEKDAY_MORNING);
    expect(pingTime).toBeLessThan(WEEKDAY_MORNING + 3600_000);
    const join = await c.waitFor(isEvent('QueueCallerJoin'), 20_000);
    const ts = Number(get(join, 'Timestamp')) * 1000;
    expect(ts).toBeGreaterThanOrEqual(WEEKDAY_MORNING);
    expect(get(join, 'ChanVariable')).toMatch(/^HOTLINE=\d+$/);
  });

  it('answers QueueStatus with a complete event list', async () => {
    const c = await open();
    await c.login('secret', 'off');
    const from = c.frames.length;
    const reply = await c.request('QueueStatus');
    expect(get(reply, 'EventList')).toBe('start');
    const done = await c.waitFor(isEvent('QueueStatusComplete'), 10_000, from);
    expect(get(done, 'EventList')).toBe('Complete');
    const items = c.frames
      .slice(from)
      .filter((f) => ['QueueParams', 'QueueMember', 'QueueEntry'].includes(get(f, 'Event') ?? ''));
    expect(Number(get(done, 'ListItems'))).toBe(items.length);
    expect(items.filter(isEvent('QueueParams')).map((f) => get(f, 'Queue'))).toEqual([
      '12345',
      '12345-en',
      '12345-full',
    ]);
    expect(items.some(isEvent('QueueMember'))).toBe(true);
  });

  it('answers QueueSummary and CoreShowChannels with complete lists, and says Goodbye', async () => {
    const c = await open();
    await c.login('secret', 'off');
    await c.request('QueueSummary');
    const summary = await c.waitFor(isEvent('QueueSummaryComplete'));
    expect(get(summary, 'ListItems')).toBe('3');
    await c.request('CoreShowChannels');
    const channels = await c.waitFor(isEvent('CoreShowChannelsComplete'));
    expect(get(channels, 'EventList')).toBe('Complete');
    const bye = await c.request('Logoff');
    expect(get(bye, 'Response')).toBe('Goodbye');
    await c.waitClosed();
  });

  it('honours include and exclude filters like Asterisk', async () => {
    const c = await open();
    await c.login();
    await c.request('Filter', {
      Operation: 'Add',
      Filter: 'Event: (QueueCallerJoin|VarSet|AgentConnect)',
    });
    await c.request('Filter', { Operation: 'Add', Filter: '!Event: VarSet' });
    const from = c.frames.length;
    await c.waitFor(isEvent('AgentConnect'), 20_000, from);
    const events = new Set(
      c.frames
        .slice(from)
        .map((f) => get(f, 'Event'))
        .filter(Boolean),
    );
    expect([...events].every((e) => e === 'QueueCallerJoin' || e === 'AgentConnect')).toBe(true);
  });
});

describe('AmiServer (timestampevents = no)', () => {
  it('sends events without the Timestamp header', async () => {
    const sim = await startSmallDemo({
      seed: 3,
      durationMs: 3600_000,
      speed: 120,
      ami: { timestampEvents: false },
    });
    const c = await AmiTestClient.connect(sim.port);
    try {
      await c.login();
      const join = await c.waitFor(isEvent('QueueCallerJoin'), 20_000);
      expect(get(join, 'Timestamp')).toBeUndefined();
      expect(get(join, 'Queue')).toMatch(/^12345/);
    } finally {
      c.close();
      await sim.stop();
    }
  });
});
