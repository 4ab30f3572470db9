import { CENTRE_KEY, emptyCounters, type IntervalAggregateRow } from '@hotline/storage';
import { peakLossIntervals } from './peak-hours';

const TZ = 'Asia/Shanghai';
/** 2026-12-01 00:00 Shanghai. */
const DECEMBER_FIRST = Date.UTC(2026, 10, 30, 16, 0, 0);
const QUARTER = 15 * 60_000;

/** A stored 15-minute row: the `n`th interval of 1 December, centre scope unless told. */
function interval(
  n: number,
  counters: Partial<IntervalAggregateRow>,
  scope: Pick<IntervalAggregateRow, 'scopeKind' | 'scopeKey'> = {
    scopeKind: 'centre',
    scopeKey: CENTRE_KEY,
  },
): IntervalAggregateRow {
  return { ...emptyCounters(), intervalStart: DECEMBER_FIRST + n * QUARTER, ...scope, ...counters };
}

describe(`${peakLossIntervals.name}: 高峰期呼损, the intervals with the most loss`, () => {
  it('puts the most lost calls first, with the local time, the loss rate and the staffing', () => {
    const rows = [
      interval(36, { offered: 40, answered: 38, abandoned: 2, agentsOnDuty: 10 }), // 09:00, 2 lost
      interval(40, {
        offered: 60,
        answered: 51,
        abandoned: 6,
        exited: 2,
        blocked: 1,
        maxWait: 185,
        agentsOnDuty: 12,
      }), // 10:00, 9 lost
      interval(41, { offered: 30, answered: 25, abandoned: 5, agentsOnDuty: 8 }), // 10:15, 5 lost
    ];
    const peaks = peakLossIntervals(rows, TZ, 5);
    expect(peaks.map((p) => [p.label, p.lost])).toEqual([
      ['2026-12-01 10:00', 9],
      ['2026-12-01 10:15', 5],
      ['2026-12-01 09:00', 2],
    ]);
    expect(peaks[0]).toEqual({
      intervalStart: DECEMBER_FIRST + 40 * QUARTER,
      label: '2026-12-01 10:00',
      offered: 60,
      answered: 51,
      lost: 9,
      lossRate: 9 / 60,
      abandoned: 6,
      exited: 2,
      blocked: 1,
      maxWait: 185,
      agentsOnDuty: 12,
      callsPerAgent: 5,
    });
  });

  it('breaks a tie in lost calls by the higher loss rate, then the earlier interval', () => {
    const rows = [
      interval(50, { offered: 40, answered: 36 }), // 4 of 40
      interval(44, { offered: 40, answered: 36 }), // 4 of 40, earlier
      interval(60, { offered: 20, answered: 16 }), // 4 of 20
    ];
    expect(peakLossIntervals(rows, TZ, 5).map((p) => p.label)).toEqual([
      '2026-12-01 15:00',
      '2026-12-01 11:00',
      '2026-12-01 12:30',
    ]);
  });

  it('keeps only the top ones, the centre only, and no interval without loss', () => {
    const rows = [
      interval(10, { offered: 10, answered: 10 }),
      interval(11, { offered: 10, answered: 7 }),
      interval(12, { offered: 10, answered: 8 }),
      interval(13, { offered: 10, answered: 9 }),
      interval(14, { offered: 50, answered: 0 }, { scopeKind: 'queue', scopeKey: '12345' }),
    ];
    const peaks = peakLossIntervals(rows, TZ, 2);
    expect(peaks.map((p) => p.lost)).toEqual([3, 2]);
    expect(peakLossIntervals(rows.slice(0, 1), TZ, 5)).toEqual([]);
  });

  it('has no calls per agent where nobody was on duty', () => {
    const [night] = peakLossIntervals([interval(8, { offered: 3, answered: 0 })], TZ, 1);
    expect(night.agentsOnDuty).toBe(0);
    expect(night.callsPerAgent).toBeNull();
    expect(night.lossRate).toBe(1);
  });
});
