import fc from 'fast-check';
import type { AgentState, CallEvent } from '@hotline/call-events';
import { ev, MINUTE, SECOND, T0 } from './call-event.factory';
import { contactsArb, eventsOf, type Contact } from './contact-traffic.factory';
import { KpiEngine } from './kpi-engine';
import type { KpiSnapshot } from './kpi-snapshot';
import { platformSnapshot } from './platform-snapshot';

interface SiteTraffic {
  readonly contacts: readonly Contact[];
  readonly agents: readonly { readonly agent: string; readonly state: AgentState }[];
}

const siteTrafficArb: fc.Arbitrary<SiteTraffic> = fc.record({
  contacts: contactsArb,
  agents: fc.uniqueArray(
    fc.record({
      agent: fc.constantFrom('a1', 'a2', 'a3', 'a4'),
      state: fc.constantFrom<AgentState>('available', 'paused', 'logged-out', 'wrap-up'),
    }),
    { selector: (a) => a.agent, maxLength: 4 },
  ),
});

/** A site's events, its names qualified with `site` when given (the one-engine side). */
function siteEvents(traffic: SiteTraffic, site?: string): CallEvent[] {
  const name = (n: string): string => (site === undefined ? n : `${site}/${n}`);
  const logins = traffic.agents.map((a) =>
    ev.agentState(name(a.agent), T0 - MINUTE, a.state, undefined, [name('q1')]),
  );
  return [...logins, ...eventsOf(traffic.contacts, site)];
}

function engineAfter(events: readonly CallEvent[]): KpiEngine {
  const engine = new KpiEngine();
  for (const e of [...events].sort((a, b) => a.at - b.at)) engine.apply(e);
  return engine;
}

/** What the platform's live counts must equal, read off one engine's lists. */
function liveCountsOf(s: KpiSnapshot) {
  return {
    waiting: s.live.waiting.length,
    longestCurrentWaitSeconds: s.live.longestCurrentWaitSeconds,
    longestWaitingSince: s.live.waiting[0]?.joinedAt ?? null,
    talking: s.live.talking.length,
    talkingOverFiveMinutes: s.live.talkingOverFiveMinutes,
  };
}

describe(platformSnapshot.name, () => {
  it('totals exactly what one engine fed every site’s calls (site-qualified ids) shows: every period, count and rate', () => {
    fc.assert(
      fc.property(
        fc.array(siteTrafficArb, { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 20 * 60 }),
        (traffic, secondsAfterLastEvent) => {
          const sites = traffic.map((t, i) => ({ site: `site-${i}`, events: siteEvents(t) }));
          const all = traffic.flatMap((t, i) => siteEvents(t, `site-${i}`));
          const now = Math.max(...all.map((e) => e.at)) + secondsAfterLastEvent * SECOND;

          const one = engineAfter(all).snapshot(now);
          const siteSnapshots = sites.map((s) => ({
            site: s.site,
            snapshot: engineAfter(s.events).snapshot(now),
          }));
          const platform = platformSnapshot(siteSnapshots, now);

          expect(platform.total.omittedPeriods).toEqual([]);
          expect(Object.keys(platform.total.centre).sort()).toEqual(
            Object.keys(one.periods.centre).sort(),
          );
          // toEqual: every count, every rate (derived from the sums, compared exactly), from/to.
          expect(platform.total.centre).toEqual(one.periods.centre);
          expect(platform.total.live).toEqual(liveCountsOf(one));
          expect(platform.total.agentCounts).toEqual(one.agentCounts);
          expect(platform.total.coverage).toEqual(one.coverage);
          platform.sites.forEach((s, i) => {
            const own = siteSnapshots[i]?.snapshot;
            expect(s.site).toBe(`site-${i}`);
            expect(s.centre).toBe(own?.periods.centre);
            expect(s.live).toEqual(own && liveCountsOf(own));
          });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('is exact where a mean would not be: ASA and AHT of sites with different call counts', () => {
    const site = (waits: readonly number[], talks: readonly number[]) => {
      const engine = new KpiEngine();
      waits.forEach((wait, i) => {
        const joinAt = T0 + i * MINUTE;
        engine.apply(ev.joined(`c${i}`, joinAt));
        engine.apply(ev.answered(`c${i}`, joinAt + wait * SECOND, 'a1', wait));
        const talk = talks[i] ?? 0;
        engine.apply(ev.ended(`c${i}`, joinAt + (wait + talk) * SECOND, 'a1', talk));
      });
      return engine.snapshot(T0 + 2 * 60 * MINUTE);
    };
    const platform = platformSnapshot(
      [
        { site: 'a', snapshot: site([1, 2, 4], [60, 70, 80]) },
        { site: 'b', snapshot: site([10], [600]) },
      ],
      T0 + 2 * 60 * MINUTE,
    );
    const today = platform.total.centre.today;
    expect(today?.asaSeconds).toBe(17 / 4); // not the mean of the sites' means, (7/3 + 10) / 2
    expect(today?.ahtSeconds).toBe(810 / 4);
    expect(today?.sumAnswerWaitSeconds).toBe(17);
    expect(today?.handled).toBe(4);
  });

  it('refuses a site named twice (names are never merged)', () => {
    const snapshot = new KpiEngine().snapshot(T0);
    expect(() =>
      platformSnapshot(
        [
          { site: 'a', snapshot },
          { site: 'a', snapshot },
        ],
        T0,
      ),
    ).toThrow(/site names repeat/);
  });
});
