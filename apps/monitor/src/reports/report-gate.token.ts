/** Injection token of the ReportGate (one heavy report at a time). */
export const REPORT_GATE = Symbol('REPORT_GATE');
