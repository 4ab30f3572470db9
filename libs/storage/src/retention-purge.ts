import type { DataSource } from 'typeorm';
import { AgentStateIntervalRepository } from './agent-state-interval.repository';
import { AlarmEventRepository } from './alarm-event.repository';
import { IntervalAggregateRepository } from './interval-aggregate.repository';
import { rollUpMonth } from './monthly-rollup';
import { QueueCallRepository } from './queue-call.repository';
import { Sql } from './sql';
import type { RetentionOptions } from './storage-options';
import { SurveyRatingRepository } from './survey-rating.repository';
import { addLocalMonths, monthKey, startOfMonth } from '@hotline/calendar';

export interface PurgeResult {
  readonly rawBefore: number;
  readonly intervalsBefore: number;
  readonly queueCalls: number;
  readonly ratings: number;
  readonly agentStates: number;
  readonly intervals: number;
  readonly alarmEvents: number;
}

/**
 * The daily retention job: first rolls the last and the current month up into monthly
 * aggregates (so nothing is lost from history), then deletes raw rows older than
 * `rawMonths` whole local months (the alarm history too) and 15-minute aggregates older than
 * `intervalAggregateMonths`.
 */
export async function purgeExpired(
  dataSource: DataSource,
  now: number,
  retention: RetentionOptions,
  timeZone: string,
): Promise<PurgeResult> {
  const thisMonth = startOfMonth(now, timeZone);
  await rollUpMonth(
    dataSource,
    monthKey(addLocalMonths(thisMonth, -1, timeZone), timeZone),
    timeZone,
  );
  await rollUpMonth(dataSource, monthKey(thisMonth, timeZone), timeZone);
  const rawBefore = addLocalMonths(thisMonth, -retention.rawMonths, timeZone);
  const intervalsBefore = addLocalMonths(thisMonth, -retention.intervalAggregateMonths, timeZone);
  const sql = Sql.of(dataSource);
  return {
    rawBefore,
    intervalsBefore,
    queueCalls: await new QueueCallRepository(sql).purgeJoinedBefore(rawBefore),
    ratings: await new SurveyRatingRepository(sql).purgeRatedBefore(rawBefore),
    agentStates: await new AgentStateIntervalRepository(sql).purgeEndedBefore(rawBefore),
    intervals: await new IntervalAggregateRepository(sql).purgeBefore(intervalsBefore),
    alarmEvents: await new AlarmEventRepository(sql).purgeBefore(rawBefore),
  };
}
