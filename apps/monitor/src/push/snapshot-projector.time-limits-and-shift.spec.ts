import type { CallEvent } from '@hotline/call-events';
import { DEFAULT_BREAK_LIMIT_MINUTES, DEFAULT_KPI_CONFIG, KpiEngine } from '@hotline/kpi';
import type { Subscription } from './push-session';
import { SnapshotProjector } from './snapshot-projector';

// 15:00 in Shanghai on a Tuesday: 白班 (09–17), 中班 (14–20:30) and 晚班 (14–22) all run.
const AT = Date.UTC(2026, 2, 10, 7, 0);
const SECOND = 1000;
const QUEUE = '12345';

const subscription = (extra: Partial<Subscription> = {}): Subscription => ({
  site: 'default',
  views: ['agents', 'wallboard'],
  queues: [],
  lines: [],
  period: 'shift',
  shift: null,
  callers: 'last4',
  filterKey: '[[],[]]',
  key: 'test',
  ...extra,
});

const projector = new SnapshotProjector({
  seats: 4,
  lineNames: {},
  timeLimits: {
    longTalkSeconds: 300,
    breakLimitMinutes: { ...DEFAULT_BREAK_LIMIT_MINUTES, break: 12 },
    work: { ...DEFAULT_KPI_CONFIG.agents, pauseReasons: { 小休: 'break' } },
  },
});
const NO_ALARMS = { active: [], recent: [] };

function engineWithFloor(): KpiEngine {
  const engine = new KpiEngine();
  const answeredAt = AT - 200 * SECOND;
  const events: CallEvent[] = [
    {
      type: 'agent-state-changed',
      at: AT - 900 * SECOND,
      agent: 'a1',
      state: 'available',
      queues: [QUEUE],
    },
    {
      type: 'caller-joined-queue',
      at: answeredAt - 4 * SECOND,
      callId: 'c1',
      contactId: 'k1',
      queue: QUEUE,
    },
    {
      type: 'agent-answered',
      at: answeredAt,
      callId: 'c1',
      queue: QUEUE,
      agent: 'a1',
      waitSeconds: 4,
    },
    // The PBX reports the member busy a little after the bridge.
    {
      type: 'agent-state-changed',
      at: answeredAt + 2 * SECOND,
      agent: 'a1',
      state: 'on-call',
      queues: [QUEUE],
    },
    {
      type: 'agent-state-changed',
      at: AT - 600 * SECOND,
      agent: 'a2',
      state: 'paused',
      pauseReason: '小休',
      queues: [QUEUE],
    },
    {
      type: 'agent-state-changed',
      at: AT - 600 * SECOND,
      agent: 'a3',
      state: 'available',
      queues: [QUEUE],
    },
  ];
  for (const event of events) engine.apply(event);
  engine.tick(AT);
  return engine;
}

describe(SnapshotProjector.name, () => {
  const snapshot = engineWithFloor().snapshot(AT);
  const sections = projector.project(snapshot, subscription(), NO_ALARMS);

  it("gives each leader row and seat its state's limit: talk from the call's answer, a break by its kind", () => {
    const rows = Object.fromEntries((sections.agents ?? []).map((r) => [r.agent, r.timeLimit]));
    expect(rows).toEqual({
      a1: { kind: 'long-talk', pauseKind: null, limitSeconds: 300, overAfter: AT + 100 * SECOND },
      a2: {
        kind: 'long-pause',
        pauseKind: 'break',
        limitSeconds: 720,
        overAfter: AT + 120 * SECOND,
      },
      a3: null,
    });
    const seats = Object.fromEntries(
      (sections.seats ?? []).filter((s) => s.agent).map((s) => [s.agent, s.timeLimit]),
    );
    expect(seats).toEqual(rows);
  });

  it('lists the running shifts and takes the chosen one for 本班次, else the one that started last', () => {
    expect(sections.kpis?.shifts.map((s) => s.name).sort()).toEqual(
      ['中班', '晚班', '白班'].sort(),
    );
    expect(sections.kpis?.period).toBe('shift:中班');
    const chosen = projector.project(snapshot, subscription({ shift: '白班' }), NO_ALARMS);
    expect(chosen.kpis?.period).toBe('shift:白班');
    expect(chosen.kpis?.from).toBe(Date.UTC(2026, 2, 10, 1, 0));
    const gone = projector.project(snapshot, subscription({ shift: '夜班' }), NO_ALARMS);
    expect(gone.kpis?.period).toBe('shift:中班');
  });
});
