import { PinoLogger } from 'nestjs-pino';
import { ev, T0 } from '@hotline/kpi/call-event.factory';
import { monitorConfigSchema } from '../config/monitor-config.schema';
import { LiveKpiService } from './live-kpi.service';

const TICK_MS = 50;
/** Long enough that no snapshot ages out while a test runs on a busy machine. */
const LONG_TICK_MS = 60_000;

function service(tickMs = LONG_TICK_MS): LiveKpiService {
  const config = monitorConfigSchema.parse({ kpi: { tickMs } });
  const live = new LiveKpiService(config, new PinoLogger({ pinoHttp: { level: 'silent' } }));
  live.resync({ at: T0, waiting: [], talking: [], agents: [] });
  return live;
}

describe('LiveKpiService.snapshot: one snapshot per tick and filter', () => {
  it('hands every reader the same snapshot until the engine changes', () => {
    const live = service();
    const first = live.snapshot();
    expect(live.snapshot()).toBe(first);
    expect(live.snapshot({ queues: [], lines: [] })).toBe(first);
    live.ingest([ev.joined('c1', T0 + 1_000, { queue: 'q1' })]);
    const after = live.snapshot();
    expect(after).not.toBe(first);
    expect(after.live.waiting).toHaveLength(1);
    expect(first.live.waiting).toHaveLength(0);
  });

  it('shares a snapshot between filters naming the same queues and lines in any order', () => {
    const live = service();
    live.ingest([ev.joined('a', T0 + 1, { queue: 'q1' }), ev.joined('b', T0 + 2, { queue: 'q2' })]);
    const both = live.snapshot({ queues: ['q2', 'q1'] });
    expect(live.snapshot({ queues: ['q1', 'q2', 'q1'] })).toBe(both);
    expect(live.snapshot({ queues: ['q1'] })).not.toBe(both);
    expect(live.snapshot()).not.toBe(both);
  });

  it('builds a new one after a tick, and none is older than a tick even without one', async () => {
    const live = service(TICK_MS);
    const first = live.snapshot();
    live.tick();
    const ticked = live.snapshot();
    expect(ticked).not.toBe(first);
    await new Promise((resolve) => setTimeout(resolve, TICK_MS + 10));
    expect(live.snapshot()).not.toBe(ticked);
  });
});
