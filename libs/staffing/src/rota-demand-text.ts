import type { RotaDemandBasis } from './rota-plan';

const VOLUME_FROM: Readonly<Record<'request' | 'planner-table' | 'monthly-target', string>> = {
  request: 'as asked',
  'planner-table': 'staffing.planner.monthlyCalls',
  'monthly-target': 'kpi.targets.monthlyOffered',
};

/** The demand's basis in English, for logs and the command line (the page has its own words). */
export function rotaDemandText(basis: RotaDemandBasis): string {
  switch (basis.kind) {
    case 'history': {
      const levelled = basis.relevelledTo
        ? `, re-levelled to ${basis.relevelledTo.calls} calls in ${basis.relevelledTo.month}`
        : '';
      return `stored 15-minute aggregates of the ${basis.weeks} weeks before${levelled}`;
    }
    case 'month-volume':
      return `no stored history: ${basis.calls} calls in ${basis.month} (${VOLUME_FROM[basis.volumeFrom]}) over the typical week (staffing.planner.weekShape)`;
    case 'given':
      return 'demand given by the caller';
  }
}
