/** A heavy report was asked for while another one runs: retry after the given seconds. */
export class ReportBusyError extends Error {
  readonly code = 'REPORTS_ERR_BUSY';
  constructor(
    readonly retryAfterSeconds: number,
    readonly running: string,
  ) {
    super(
      `another report (${running}) is being computed: one heavy report runs at a time; retry in ${retryAfterSeconds} s`,
    );
    this.name = 'ReportBusyError';
  }
}

/** Held while a heavy report runs. */
export interface ReportSlot {
  /** Share of the report done, 0–1 (for the Retry-After estimate). */
  progress(fraction: number): void;
  /** Idempotent. */
  release(): void;
}

/** Retry-After when the running report has not said how far it is. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;
const MAX_RETRY_AFTER_SECONDS = 60;

interface Holder {
  readonly label: string;
  readonly since: number;
  fraction: number;
}

/**
 * One heavy report at a time. A request finding the slot taken is refused at once
 * (ReportBusyError, HTTP 429 with Retry-After) rather than queued behind it; scheduled report
 * jobs wait their turn instead (`enter`). Light reports never come here.
 */
export class ReportGate {
  private holder: Holder | null = null;
  private readonly waiting: { label: string; admit: (slot: ReportSlot) => void }[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes the slot now, or throws ReportBusyError. */
  tryEnter(label: string): ReportSlot {
    if (this.holder) throw new ReportBusyError(this.retryAfterSeconds(), this.holder.label);
    return this.admit(label);
  }

  /** Takes the slot when it is free (in arrival order). */
  enter(label: string): Promise<ReportSlot> {
    if (!this.holder) return Promise.resolve(this.admit(label));
    return new Promise((admit) => this.waiting.push({ label, admit }));
  }

  get busy(): boolean {
    return this.holder !== null;
  }

  /** The running report's remaining time, extrapolated from its progress (1–60 s). */
  retryAfterSeconds(): number {
    const holder = this.holder;
    if (!holder || holder.fraction < 0.05) return DEFAULT_RETRY_AFTER_SECONDS;
    const elapsedSeconds = (this.now() - holder.since) / 1000;
    const remaining = (elapsedSeconds * (1 - holder.fraction)) / holder.fraction;
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(remaining)));
  }

  private admit(label: string): ReportSlot {
    const holder: Holder = { label, since: this.now(), fraction: 0 };
    this.holder = holder;
    let released = false;
    return {
      progress: (fraction) => {
        holder.fraction = Math.max(0, Math.min(1, fraction));
      },
      release: () => {
        if (released) return;
        released = true;
        this.holder = null;
        const next = this.waiting.shift();
        if (next) next.admit(this.admit(next.label));
      },
    };
  }
}
