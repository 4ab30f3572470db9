import {
  intervalStart,
  type IntervalAggregateRepository,
  type QueueCallRepository,
} from '@hotline/storage';
import type { StaffingHistoryInterval, StaffingHistorySource } from './staffing-history';

/**
 * Staffing history from the storage library: the centre's interval_aggregate rows, plus — when a
 * queue-call repository is given — the waits of every caller who waited, which the aggregates do
 * not keep (their sum_wait is answered calls only) and which the patience estimate needs.
 */
export class StorageStaffingHistory implements StaffingHistorySource {
  constructor(
    private readonly aggregates: IntervalAggregateRepository,
    private readonly queueCalls?: QueueCallRepository,
  ) {}

  async centreIntervals(fromMs: number, toMs: number): Promise<StaffingHistoryInterval[]> {
    const rows = await this.aggregates.findBetween(fromMs, toMs, 'centre');
    const waits = this.queueCalls ? await this.waitsByInterval(fromMs, toMs) : undefined;
    return rows.map((row) => ({
      startMs: row.intervalStart,
      offered: row.offered,
      answered: row.answered,
      abandoned: row.abandoned,
      shortAbandoned: row.shortAbandoned,
      sumTalkSeconds: row.sumTalk,
      totalWaitSeconds: waits ? (waits.get(row.intervalStart) ?? 0) : undefined,
      agentsOnDuty: row.agentsOnDuty,
    }));
  }

  private async waitsByInterval(fromMs: number, toMs: number): Promise<Map<number, number>> {
    const waits = new Map<number, number>();
    for (const call of await this.queueCalls!.findJoinedBetween(fromMs, toMs)) {
      const start = intervalStart(call.joinedAt);
      waits.set(start, (waits.get(start) ?? 0) + call.waitSeconds);
    }
    return waits;
  }
}
