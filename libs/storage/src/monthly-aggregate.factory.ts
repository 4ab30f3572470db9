import { CENTRE_KEY, emptyCounters, type MonthlyAggregateRow } from './stored-records';

/** An imported reference month of the centre (offered, answered and a satisfaction rate only). */
export function importedCentreMonth(
  month: string,
  figures: { offered: number; answered: number; satisfactionRate: number },
): MonthlyAggregateRow {
  return {
    month,
    scopeKind: 'centre',
    scopeKey: CENTRE_KEY,
    ...emptyCounters(),
    offered: figures.offered,
    answered: figures.answered,
    satisfactionRate: figures.satisfactionRate,
    source: 'imported',
  };
}
