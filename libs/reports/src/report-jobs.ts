export type ReportJobState = 'running' | 'done' | 'failed';

export interface ReportJob {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  state: ReportJobState;
  /** 0–100 */
  percent: number;
  step: string;
  readonly startedAt: number;
  finishedAt?: number;
  files: string[];
  error?: string;
}

export interface JobLogger {
  info(obj: object, msg: string): void;
}

/**
 * Progress of long report jobs: each step logs a line with its percentage and is readable
 * through GET /api/v1/reports/jobs/:id. Keeps the last `capacity` jobs.
 */
export class ReportJobs {
  private readonly jobs = new Map<string, ReportJob>();
  private sequence = 0;

  constructor(
    private readonly logger: JobLogger,
    private readonly now: () => number = Date.now,
    private readonly capacity = 200,
  ) {}

  start(kind: string, title: string): ReportJob {
    const id = `${kind}-${this.now().toString(36)}-${(++this.sequence).toString(36)}`;
    const job: ReportJob = {
      id,
      kind,
      title,
      state: 'running',
      percent: 0,
      step: 'starting',
      startedAt: this.now(),
      files: [],
    };
    this.jobs.set(id, job);
    while (this.jobs.size > this.capacity)
      this.jobs.delete(this.jobs.keys().next().value as string);
    this.logger.info({ job: id, percent: 0 }, `report job ${title}: 0% starting`);
    return job;
  }

  progress(job: ReportJob, percent: number, step: string): void {
    job.percent = Math.max(job.percent, Math.min(100, Math.round(percent)));
    job.step = step;
    this.logger.info(
      { job: job.id, percent: job.percent },
      `report job ${job.title}: ${job.percent}% ${step}`,
    );
  }

  finish(job: ReportJob, files: readonly string[]): void {
    job.files.push(...files);
    job.state = 'done';
    job.finishedAt = this.now();
    this.progress(job, 100, 'done');
  }

  fail(job: ReportJob, error: unknown): void {
    job.state = 'failed';
    job.error = error instanceof Error ? error.message : String(error);
    job.finishedAt = this.now();
    this.logger.info(
      { job: job.id, percent: job.percent, err: job.error },
      `report job ${job.title}: failed`,
    );
  }

  get(id: string): ReportJob | undefined {
    return this.jobs.get(id);
  }

  list(): ReportJob[] {
    return [...this.jobs.values()].reverse();
  }
}
