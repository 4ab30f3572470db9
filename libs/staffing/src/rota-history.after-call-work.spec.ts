import { afterCallWorkPerCall } from './after-call-work';
import { type CentreIntervalHistory, planningDemandFromHistory } from './rota-history';

const QUARTER = 15 * 60_000;
/** Monday 9 March 2026 00:00 in Shanghai. */
const WEEK_START = Date.UTC(2026, 2, 8, 16);

/** Four weeks before the week, 10 answered calls a quarter hour talking 180 s each. */
function history(wrapUpSeconds: (i: number) => number | undefined): CentreIntervalHistory[] {
  const rows: CentreIntervalHistory[] = [];
  for (let i = 0, at = WEEK_START - 28 * 96 * QUARTER; at < WEEK_START; i++, at += QUARTER) {
    const wrapUp = wrapUpSeconds(i);
    rows.push({
      startMs: at,
      offered: 10,
      answered: 10,
      abandoned: 0,
      sumTalkSeconds: 1800,
      ...(wrapUp !== undefined ? { wrapUpSeconds: wrapUp } : {}),
    });
  }
  return rows;
}

const query = {
  weekStartMs: WEEK_START,
  weeks: 4,
  timeZone: 'Asia/Shanghai',
  defaultTalkSeconds: 240,
  defaultPatienceSeconds: 120,
  minAbandonsForPatience: 20,
};

describe('the rota planner’s after-call work: configured, else measured over the history', () => {
  it('measures it as the wrap-up seconds over the answered calls of the weeks before', () => {
    // 10 calls a quarter hour, 600 s of wrap-up in every second one: 30 s a call on average.
    const plan = planningDemandFromHistory({
      ...query,
      history: history((i) => (i % 2 === 0 ? 600 : 0)),
    });
    expect(plan.afterCallWork).toEqual({ seconds: 30, source: 'measured' });
    expect(plan.demand.handleSeconds).toBe(180 + 30);
  });

  it('takes the configured value over the measured one', () => {
    const plan = planningDemandFromHistory({
      ...query,
      afterCallWorkSeconds: 45,
      history: history(() => 600),
    });
    expect(plan.afterCallWork).toEqual({ seconds: 45, source: 'config' });
    expect(plan.demand.handleSeconds).toBe(180 + 45);
  });

  it('says none when the history did not measure it in every interval, rather than guess', () => {
    const plan = planningDemandFromHistory({
      ...query,
      history: history((i) => (i === 7 ? undefined : 600)),
    });
    expect(plan.afterCallWork).toEqual({ seconds: 0, source: 'none' });
    expect(plan.demand.handleSeconds).toBe(180);
  });

  it('is none without answered calls or without any wrap-up', () => {
    expect(afterCallWorkPerCall(undefined, { wrapUpSeconds: 300, answeredCalls: 0 })).toEqual({
      seconds: 0,
      source: 'none',
    });
    expect(afterCallWorkPerCall(undefined, { wrapUpSeconds: 0, answeredCalls: 12 })).toEqual({
      seconds: 0,
      source: 'none',
    });
    expect(afterCallWorkPerCall(0, { wrapUpSeconds: 300, answeredCalls: 10 })).toEqual({
      seconds: 0,
      source: 'config',
    });
  });
});
