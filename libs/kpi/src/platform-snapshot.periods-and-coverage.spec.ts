import { answeredCall, applyAll, ev, MINUTE, SECOND, shanghai } from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { KpiEngineConfig } from './kpi-config';
import { platformSnapshot } from './platform-snapshot';

const AT_10 = shanghai('2026-03-10 10:00:00');
const MIDNIGHT = shanghai('2026-03-10 00:00:00');

/** A site's engine with `calls` answered calls (ids repeat across sites, as two PBXs' do). */
function siteEngine(calls: number, config: Partial<KpiEngineConfig> = {}): KpiEngine {
  const engine = new KpiEngine(config);
  for (let i = 0; i < calls; i++) {
    applyAll(
      engine,
      answeredCall({
        callId: `1741572000.${i}`,
        joinAt: AT_10 - 40 * MINUTE + i * MINUTE,
        waitSeconds: 5,
        talkSeconds: 30,
      }),
    );
  }
  return engine;
}

const emptyView = (at: number) => ({ at, waiting: [], talking: [], agents: [] });

describe(platformSnapshot.name, () => {
  describe('periods the sites cut differently', () => {
    it('leaves out of the total a day, week and month cut in another time zone, and says why', () => {
      const shanghaiSite = siteEngine(3).snapshot(AT_10);
      const urumqiSite = siteEngine(2, { timeZone: 'Asia/Urumqi' }).snapshot(AT_10);
      const platform = platformSnapshot(
        [
          { site: 'taiyuan', snapshot: shanghaiSite },
          { site: 'urumqi', snapshot: urumqiSite },
        ],
        AT_10,
      );

      const omitted = new Map(platform.total.omittedPeriods.map((o) => [o.period, o]));
      for (const period of ['today', 'week', 'month'] as const) {
        expect(platform.total.centre[period]).toBeUndefined();
        expect(omitted.get(period)).toEqual({
          period,
          reason: 'spans-differ',
          spans: [
            {
              site: 'taiyuan',
              from: shanghaiSite.periods.centre[period].from,
              to: shanghaiSite.periods.centre[period].to,
            },
            {
              site: 'urumqi',
              from: urumqiSite.periods.centre[period].from,
              to: urumqiSite.periods.centre[period].to,
            },
          ],
        });
      }
      expect(omitted.get('today')?.spans[1]?.from).toBe(MIDNIGHT + 2 * 60 * MINUTE);
      // The rolling windows end at the same instant everywhere: summed.
      expect(platform.total.centre.last60m?.offered).toBe(5);
      expect(platform.total.centre.last60m?.answered).toBe(5);
      expect(platform.total.centre.last60m?.answerRate).toBe(1);
      // Every period is either in the total or omitted, never both.
      const keys = new Set([
        ...Object.keys(shanghaiSite.periods.centre),
        ...Object.keys(urumqiSite.periods.centre),
      ]);
      expect([...Object.keys(platform.total.centre), ...omitted.keys()].sort()).toEqual(
        [...keys].sort(),
      );
      // Each site keeps its own figures whole.
      expect(platform.sites.map((s) => [s.site, s.timeZone, s.centre.today.offered])).toEqual([
        ['taiyuan', 'Asia/Shanghai', 3],
        ['urumqi', 'Asia/Urumqi', 2],
      ]);
    });

    it('sums a shift both sites plan alike, omits one planned differently or run at one site only', () => {
      const morning = { name: '早班', start: '07:00', end: '15:00' };
      const a = siteEngine(3, { shifts: [morning] }).snapshot(AT_10);
      const b = siteEngine(2, {
        shifts: [morning, { name: '白班', start: '09:00', end: '17:00' }],
      }).snapshot(AT_10);
      const c = siteEngine(1, {
        shifts: [
          { ...morning, start: '08:00' },
          { name: '白班', start: '09:00', end: '17:00' },
        ],
      }).snapshot(AT_10);

      const ab = platformSnapshot(
        [
          { site: 'a', snapshot: a },
          { site: 'b', snapshot: b },
        ],
        AT_10,
      );
      expect(ab.total.centre['shift:早班']?.offered).toBe(5);
      expect(ab.total.centre.today?.offered).toBe(5);
      expect(ab.total.omittedPeriods).toEqual([
        {
          period: 'shift:白班',
          reason: 'not-at-every-site',
          spans: [
            { site: 'b', from: shanghai('2026-03-10 09:00'), to: shanghai('2026-03-10 17:00') },
          ],
        },
      ]);

      const bc = platformSnapshot(
        [
          { site: 'b', snapshot: b },
          { site: 'c', snapshot: c },
        ],
        AT_10,
      );
      expect(bc.total.centre['shift:白班']?.offered).toBe(3);
      expect(bc.total.centre['shift:早班']).toBeUndefined();
      expect(bc.total.omittedPeriods).toEqual([
        {
          period: 'shift:早班',
          reason: 'spans-differ',
          spans: [
            { site: 'b', from: shanghai('2026-03-10 07:00'), to: shanghai('2026-03-10 15:00') },
            { site: 'c', from: shanghai('2026-03-10 08:00'), to: shanghai('2026-03-10 15:00') },
          ],
        },
      ]);
    });

    it('omits the rolling windows of snapshots taken at different instants', () => {
      const platform = platformSnapshot(
        [
          { site: 'a', snapshot: siteEngine(1).snapshot(AT_10) },
          { site: 'b', snapshot: siteEngine(1).snapshot(AT_10 + SECOND) },
        ],
        AT_10 + SECOND,
      );
      expect(platform.total.omittedPeriods.map((o) => [o.period, o.reason])).toEqual([
        ['last15m', 'spans-differ'],
        ['last60m', 'spans-differ'],
      ]);
      expect(platform.total.centre.today?.offered).toBe(2);
    });
  });

  describe('coverage', () => {
    const attachedAt = (at: number): KpiEngine => {
      const engine = new KpiEngine();
      engine.resync(emptyView(at));
      return engine;
    };
    const restoredFrom = (from: number): KpiEngine => {
      const engine = new KpiEngine();
      engine.restore({ calls: [], coveredFrom: from });
      engine.resync(emptyView(AT_10 - 5 * MINUTE));
      return engine;
    };
    const total = (...engines: KpiEngine[]) =>
      platformSnapshot(
        engines.map((e, i) => ({ site: `s${i}`, snapshot: e.snapshot(AT_10) })),
        AT_10,
      ).total.coverage;

    it('is complete only if every site is, from the latest site’s start', () => {
      expect(total(restoredFrom(MIDNIGHT - MINUTE), restoredFrom(MIDNIGHT))).toEqual({
        from: MIDNIGHT,
        complete: true,
      });
      expect(total(restoredFrom(MIDNIGHT - MINUTE), attachedAt(AT_10 - 30 * MINUTE))).toEqual({
        from: AT_10 - 30 * MINUTE,
        complete: false,
      });
    });

    it('is unknown while any site has seen nothing yet, and for no site at all', () => {
      expect(total(restoredFrom(MIDNIGHT), new KpiEngine())).toEqual({
        from: null,
        complete: false,
      });
      const none = platformSnapshot([], AT_10);
      expect(none.total.coverage).toEqual({ from: null, complete: false });
      expect(none.total.centre).toEqual({});
      expect(none.total.agentCounts.onDuty).toBe(0);
      expect(none.total.live).toEqual({
        waiting: 0,
        longestCurrentWaitSeconds: 0,
        longestWaitingSince: null,
        talking: 0,
        talkingOverFiveMinutes: 0,
      });
    });
  });

  describe('live', () => {
    it('takes the longest wait over sites by its length, not by join time (PBX clocks differ)', () => {
      const site = (joinAt: number, now: number) => {
        const engine = new KpiEngine();
        engine.apply(ev.joined('1741572000.1', joinAt));
        return engine.snapshot(now);
      };
      // b's PBX clock runs 25 s ahead: its caller joined "later" but has waited longer.
      const a = site(AT_10 - 30 * SECOND, AT_10);
      const b = site(AT_10 - 20 * SECOND, AT_10 + 25 * SECOND);
      const live = platformSnapshot(
        [
          { site: 'a', snapshot: a },
          { site: 'b', snapshot: b },
        ],
        AT_10,
      ).total.live;
      expect(live).toEqual({
        waiting: 2,
        longestCurrentWaitSeconds: 45,
        longestWaitingSince: AT_10 - 20 * SECOND,
        talking: 0,
        talkingOverFiveMinutes: 0,
      });
    });
  });
});
