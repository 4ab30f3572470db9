import { DEFAULT_BREAK_LIMIT_MINUTES, KpiEngine } from '@hotline/kpi';
import { ev, SECOND, T0 } from '@hotline/kpi/call-event.factory';
import type { Subscription } from './push-session';
import { SnapshotProjector } from './snapshot-projector';

const subscription = (views: Subscription['views'], site = 'default'): Subscription => ({
  site,
  views,
  queues: [],
  lines: [],
  period: 'today',
  callers: 'last4',
  shift: null,
  filterKey: JSON.stringify([[], []]),
  key: JSON.stringify([views, 'today', []]),
});
const NO_ALARMS = { active: [], recent: [] };

describe(`${SnapshotProjector.name}: seats with names, queue and line rows`, () => {
  const projector = new SnapshotProjector({
    seats: {
      places: [
        { seat: 1, row: 1, col: 1, agent: 'PJSIP/101', name: '张三', staffNo: 'A012' },
        { seat: 2, row: 1, col: 3 },
      ],
      people: [{ agent: 'PJSIP/120', name: '王五', staffNo: 'A020' }],
    },
    lineNames: { '12315': '消费者投诉' },
    timeLimits: {
      longTalkSeconds: 300,
      breakLimitMinutes: DEFAULT_BREAK_LIMIT_MINUTES,
      work: { wrapUpSeconds: 0, wrapUpSecondsByQueue: {}, pauseReasons: { 小休: 'break' } },
    },
  });
  const engine = new KpiEngine();
  for (const e of [
    ev.agentState('PJSIP/120', T0, 'paused', '小休', ['q1']),
    ev.agentState('PJSIP/130', T0, 'paused', 'lunch', ['q1']),
    ev.joined('c1', T0 + SECOND, { queue: 'q1', line: '12315' }),
    ev.joined('c2', T0 + 5 * SECOND, { queue: 'q1', line: '12315' }),
  ])
    engine.apply(e);
  const at = T0 + 41 * SECOND;
  const sections = projector.project(
    engine.snapshot(at),
    subscription(['wallboard', 'agents']),
    NO_ALARMS,
  );

  it('draws every desk at its place: the owner named on an empty desk, others seated by name', () => {
    expect(
      sections.seats?.map((s) => [s.seat, s.row, s.col, s.agent, s.owner, s.name, s.staffNo]),
    ).toEqual([
      [1, 1, 1, null, 'PJSIP/101', '张三', 'A012'],
      [2, 1, 3, 'PJSIP/120', null, '王五', 'A020'],
      // No third desk: an overflow cell below the plan, the agent without a name.
      [3, 2, 1, 'PJSIP/130', null, null, null],
    ]);
    expect(sections.seats?.map((s) => s.pauseKind)).toEqual([null, 'break', null]);
  });

  it('names agents in the leader rows, with the kind of their pause', () => {
    expect(sections.agents?.map((a) => [a.agent, a.name, a.staffNo, a.pauseKind])).toEqual([
      ['PJSIP/120', '王五', 'A020', 'break'],
      ['PJSIP/130', null, null, null],
    ]);
  });

  it("gives queue and line rows their kind, the line's configured name and the engine's longest wait", () => {
    const rows = sections.scopes?.map((r) => [
      r.kind,
      r.id,
      r.name,
      r.waiting,
      r.longestCurrentWaitSeconds,
      r.longestWaitingSince,
      r.answerRateSample,
    ]);
    // Both callers still wait: the answer rate is over finished calls, none yet.
    expect(rows).toEqual([
      ['queue', 'q1', 'q1', 2, 40, T0 + SECOND, 0],
      ['line', '12315', '消费者投诉', 2, 40, T0 + SECOND, 0],
    ]);
    expect(sections.kpis?.samples).toEqual({
      answerRate: 0,
      answeredIn10sRate: 0,
      overFiveMinuteRate: 0,
      satisfactionRate: 0,
    });
  });
});

describe(`${SnapshotProjector.name}: each site's seat map on its own`, () => {
  const projector = new SnapshotProjector({
    seats: 2,
    lineNames: {},
    timeLimits: {
      longTalkSeconds: 300,
      breakLimitMinutes: DEFAULT_BREAK_LIMIT_MINUTES,
      work: { wrapUpSeconds: 0, wrapUpSecondsByQueue: {}, pauseReasons: {} },
    },
  });
  const floor = (agents: readonly string[]) => {
    const engine = new KpiEngine();
    for (const agent of agents)
      engine.apply(ev.agentState(agent, T0, 'available', undefined, ['q1']));
    return engine.snapshot(T0 + SECOND);
  };
  const seated = (site: string, agents: readonly string[]) =>
    projector
      .project(floor(agents), subscription(['wallboard'], site), NO_ALARMS)
      .seats?.map((s) => [s.seat, s.agent]);

  it("keeps a site's agents in their cells whatever another site's floor does in between", () => {
    expect(seated('a', ['PJSIP/10', 'PJSIP/9'])).toEqual([
      [1, 'PJSIP/9'],
      [2, 'PJSIP/10'],
    ]);
    // Site b's agents fill b's floor, and more: overflow cells of b's own.
    expect(seated('b', ['PJSIP/30', 'PJSIP/20', 'PJSIP/40'])).toEqual([
      [1, 'PJSIP/20'],
      [2, 'PJSIP/30'],
      [3, 'PJSIP/40'],
    ]);
    // PJSIP/9 logs out at a: its cell stays empty for it, b took nothing of a's floor.
    expect(seated('a', ['PJSIP/10'])).toEqual([
      [1, null],
      [2, 'PJSIP/10'],
    ]);
    expect(seated('b', ['PJSIP/40', 'PJSIP/20', 'PJSIP/30'])).toEqual([
      [1, 'PJSIP/20'],
      [2, 'PJSIP/30'],
      [3, 'PJSIP/40'],
    ]);
  });
});
