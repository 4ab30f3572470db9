import type { AgentState } from '@hotline/call-events';
import { AGENT_STATES } from './agent-board';
import type {
  AgentCounts,
  KpiSnapshot,
  PeriodFigures,
  PeriodFiguresSet,
  PeriodKey,
} from './kpi-snapshot';
import { figureCountsOf, periodFigures, sumFigureCounts } from './period-figures';
import type { KpiCoverage } from './queue-call-record';

/**
 * The name that asks for the platform total rather than one site (`?site=all` of the reports,
 * the scorecard and the month view): no site may be called so.
 */
export const PLATFORM_SITE = 'all';

/**
 * One site's own snapshot (its own engine, unfiltered), named by its site. Take every site's at
 * the same instant: the rolling windows (last15m, last60m) end at a snapshot's `at`, and a
 * period whose span differs between sites is not summed.
 */
export interface SiteSnapshot {
  readonly site: string;
  readonly snapshot: KpiSnapshot;
}

/**
 * The platform over its sites (docs/adr/0006-sites.md): each site's centre as its own engine
 * counts it, and their total, summed from counts. Queues, lines and agents are never merged
 * across sites: they are only in each site's own snapshot.
 */
export interface PlatformSnapshot {
  readonly at: number;
  /** In the order given. */
  readonly sites: readonly PlatformSite[];
  readonly total: PlatformTotal;
}

export interface PlatformSite {
  readonly site: string;
  /** The zone the site's periods are cut in (why a period may be left out of the total). */
  readonly timeZone: string;
  readonly coverage: KpiCoverage;
  readonly centre: PeriodFiguresSet;
  readonly live: LiveCounts;
  readonly agentCounts: AgentCounts;
}

export interface PlatformTotal {
  /**
   * Complete only if every site's is; `from` the latest of the sites' (null if any site's is
   * null, or there is no site).
   */
  readonly coverage: KpiCoverage;
  /**
   * The sites' centres summed, over the periods every site has with the same span (from/to).
   * The others are in `omittedPeriods`: adding a day cut in Shanghai to one cut in Urumqi, or
   * two differently planned shifts, would give a figure of no period at all.
   */
  readonly centre: PlatformPeriodFigures;
  readonly omittedPeriods: readonly OmittedPeriod[];
  readonly live: LiveCounts;
  readonly agentCounts: AgentCounts;
}

/** Figures per period, for the periods present (a total may lack some; see `omittedPeriods`). */
export type PlatformPeriodFigures = Readonly<Partial<Record<PeriodKey, PeriodFigures>>>;

export interface OmittedPeriod {
  readonly period: PeriodKey;
  /**
   * `spans-differ`: every site has the period but not with the same from/to (time zones,
   * shift plans, or snapshots of rolling windows taken at different instants);
   * `not-at-every-site`: some site has no such period now (a shift only some sites run).
   */
  readonly reason: 'spans-differ' | 'not-at-every-site';
  /** The period's span at each site that has it. */
  readonly spans: readonly SitePeriodSpan[];
}

export interface SitePeriodSpan {
  readonly site: string;
  readonly from: number;
  readonly to: number;
}

/** The live figures that add up over sites (the lists of calls stay in each site's snapshot). */
export interface LiveCounts {
  readonly waiting: number;
  /** The longest current wait, whole seconds (over sites: the maximum). */
  readonly longestCurrentWaitSeconds: number;
  /** When the caller waiting longest joined (the earliest among equal waits); null: nobody waits. */
  readonly longestWaitingSince: number | null;
  readonly talking: number;
  readonly talkingOverFiveMinutes: number;
}

/** The platform view of the sites' snapshots. Site names must be unique. */
export function platformSnapshot(sites: readonly SiteSnapshot[], at: number): PlatformSnapshot {
  const names = new Set(sites.map((s) => s.site));
  if (names.size !== sites.length) {
    throw new RangeError(
      `platformSnapshot: site names repeat (${sites.map((s) => s.site).join(', ')})`,
    );
  }
  const perSite = sites.map(platformSite);
  return {
    at,
    sites: perSite,
    total: {
      coverage: totalCoverage(perSite.map((s) => s.coverage)),
      ...totalCentre(perSite),
      live: totalLive(perSite.map((s) => s.live)),
      agentCounts: totalAgentCounts(perSite.map((s) => s.agentCounts)),
    },
  };
}

function platformSite({ site, snapshot }: SiteSnapshot): PlatformSite {
  const { waiting, talking } = snapshot.live;
  return {
    site,
    timeZone: snapshot.timeZone,
    coverage: snapshot.coverage,
    centre: snapshot.periods.centre,
    live: {
      waiting: waiting.length,
      longestCurrentWaitSeconds: snapshot.live.longestCurrentWaitSeconds,
      longestWaitingSince: longestWaitingSince(
        waiting.map((w) => ({ waitSeconds: w.waitSeconds, since: w.joinedAt })),
      ),
      talking: talking.length,
      talkingOverFiveMinutes: snapshot.live.talkingOverFiveMinutes,
    },
    agentCounts: snapshot.agentCounts,
  };
}

function totalCentre(
  sites: readonly PlatformSite[],
): Pick<PlatformTotal, 'centre' | 'omittedPeriods'> {
  const periods = new Set<PeriodKey>();
  for (const s of sites) for (const key of Object.keys(s.centre) as PeriodKey[]) periods.add(key);
  const centre: Partial<Record<PeriodKey, PeriodFigures>> = {};
  const omittedPeriods: OmittedPeriod[] = [];
  for (const period of periods) {
    const spans: SitePeriodSpan[] = [];
    const figures: PeriodFigures[] = [];
    for (const s of sites) {
      const f = s.centre[period];
      if (f === undefined) continue;
      spans.push({ site: s.site, from: f.from, to: f.to });
      figures.push(f);
    }
    const first = spans[0];
    if (spans.length < sites.length) {
      omittedPeriods.push({ period, reason: 'not-at-every-site', spans });
    } else if (first && spans.some((x) => x.from !== first.from || x.to !== first.to)) {
      omittedPeriods.push({ period, reason: 'spans-differ', spans });
    } else if (first) {
      centre[period] = periodFigures(first, sumFigureCounts(figures.map(figureCountsOf)));
    }
  }
  return { centre, omittedPeriods };
}

function totalCoverage(coverages: readonly KpiCoverage[]): KpiCoverage {
  let from: number | null = coverages.length > 0 ? -Infinity : null;
  for (const c of coverages)
    from = from === null || c.from === null ? null : Math.max(from, c.from);
  return {
    from,
    complete: coverages.length > 0 && coverages.every((c) => c.complete),
  };
}

function totalLive(lives: readonly LiveCounts[]): LiveCounts {
  const sum = (count: (l: LiveCounts) => number): number =>
    lives.reduce((total, l) => total + count(l), 0);
  return {
    waiting: sum((l) => l.waiting),
    longestCurrentWaitSeconds: lives.reduce(
      (max, l) => Math.max(max, l.longestCurrentWaitSeconds),
      0,
    ),
    longestWaitingSince: longestWaitingSince(
      lives.flatMap((l) =>
        l.longestWaitingSince === null
          ? []
          : [{ waitSeconds: l.longestCurrentWaitSeconds, since: l.longestWaitingSince }],
      ),
    ),
    talking: sum((l) => l.talking),
    talkingOverFiveMinutes: sum((l) => l.talkingOverFiveMinutes),
  };
}

/**
 * The join time of the caller waiting longest: the longest wait first (sites' PBX clocks may
 * differ, so a join time alone does not say who waited longest), then the earliest join.
 */
function longestWaitingSince(
  callers: readonly { readonly waitSeconds: number; readonly since: number }[],
): number | null {
  let longest: { readonly waitSeconds: number; readonly since: number } | undefined;
  for (const c of callers) {
    if (
      longest === undefined ||
      c.waitSeconds > longest.waitSeconds ||
      (c.waitSeconds === longest.waitSeconds && c.since < longest.since)
    )
      longest = c;
  }
  return longest?.since ?? null;
}

function totalAgentCounts(counts: readonly AgentCounts[]): AgentCounts {
  const sum = (count: (c: AgentCounts) => number): number =>
    counts.reduce((total, c) => total + count(c), 0);
  const byState = Object.fromEntries(AGENT_STATES.map((state) => [state, sum((c) => c[state])]));
  return { ...(byState as Record<AgentState, number>), onDuty: sum((c) => c.onDuty) };
}
