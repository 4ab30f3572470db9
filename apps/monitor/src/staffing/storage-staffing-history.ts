import type {
  AgentStateIntervalRepository,
  IntervalAggregateRepository,
  QueueCallRepository,
} from '@hotline/storage';
import type { StaffingHistoryInterval, StaffingHistorySource } from './staffing-history';

/**
 * Staffing history from the storage library: the centre's interval_aggregate rows, plus — when a
 * queue-call repository is given — the waits of every caller who waited, which the aggregates do
 * not keep (their sum_wait is answered calls only) and which the patience estimate needs, and —
 * when the agent-state repository is given — the after-call work (wrap-up) measured in each
 * interval. All are read per interval, summed by the database.
 */
export class StorageStaffingHistory implements StaffingHistorySource {
  constructor(
    private readonly aggregates: IntervalAggregateRepository,
    private readonly queueCalls?: QueueCallRepository,
    private readonly agentStates?: AgentStateIntervalRepository,
  ) {}

  async centreIntervals(fromMs: number, toMs: number): Promise<StaffingHistoryInterval[]> {
    const rows = await this.aggregates.findBetween(fromMs, toMs, 'centre');
    const waits = await this.queueCalls?.waitSecondsByInterval(fromMs, toMs);
    const wrapUps = await this.agentStates?.wrapUpSecondsByInterval(fromMs, toMs);
    return rows.map((row) => ({
      startMs: row.intervalStart,
      offered: row.offered,
      answered: row.answered,
      abandoned: row.abandoned,
      shortAbandoned: row.shortAbandoned,
      sumTalkSeconds: row.sumTalk,
      talkUnknown: row.talkUnknown,
      totalWaitSeconds: waits ? (waits.get(row.intervalStart) ?? 0) : undefined,
      agentsOnDuty: row.agentsOnDuty,
      wrapUpSeconds: wrapUps ? (wrapUps.get(row.intervalStart) ?? 0) : undefined,
    }));
  }
}
