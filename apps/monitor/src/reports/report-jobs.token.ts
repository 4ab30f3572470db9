/** Injection token of the ReportJobs registry (progress of long report jobs). */
export const REPORT_JOBS = Symbol('REPORT_JOBS');
