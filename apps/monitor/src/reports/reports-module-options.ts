import type { KpiTargets } from '@hotline/kpi';
import type { ReportLanguage } from '@hotline/reports';

export interface ReportsModuleOptions {
  readonly timeZone: string;
  /** Folder the scheduled reports are written to. */
  readonly folder: string;
  readonly language: ReportLanguage;
  /** Weekly report for the week before: ISO weekday (3 = Wednesday) and local "HH:mm". */
  readonly weekly: { readonly enabled: boolean; readonly isoWeekday: number; readonly at: string };
  /** Monthly report for the month before: day of month and local "HH:mm". */
  readonly monthly: { readonly enabled: boolean; readonly dayOfMonth: number; readonly at: string };
  readonly peakIntervals: number;
  /** Line (热线) code → display name. */
  readonly lines: Readonly<Record<string, string>>;
  /** Scorecard targets (config kpi.targets). */
  readonly targets: KpiTargets;
}

export const REPORTS_MODULE_OPTIONS = Symbol('REPORTS_MODULE_OPTIONS');
