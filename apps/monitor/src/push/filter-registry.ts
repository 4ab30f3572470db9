/** The queue/line filter a subscription asks for (sorted, deduplicated). */
export interface RequestedFilter {
  readonly queues: readonly string[];
  readonly lines: readonly string[];
}

export interface KnownScopes {
  readonly queues: ReadonlySet<string>;
  readonly lines: ReadonlySet<string>;
}

/** The requested queues and lines the monitor does not know, as `queues: x` / `lines: y`. */
export function unknownFilterValues(filter: RequestedFilter, known: KnownScopes): string[] {
  return [
    ...filter.queues.filter((q) => !known.queues.has(q)).map((q) => `queues: ${q}`),
    ...filter.lines.filter((l) => !known.lines.has(l)).map((l) => `lines: ${l}`),
  ];
}

/**
 * Distinct filters in use, with how many subscriptions use each. Every distinct filter costs
 * one engine snapshot per push pass, so their number is bounded: a subscription that would add
 * one beyond `max` is refused; one that reuses a filter in use (or drops its own) never is.
 */
export class FilterRegistry {
  private readonly uses = new Map<string, number>();

  constructor(readonly max: number) {}

  get distinct(): number {
    return this.uses.size;
  }

  /** Moves a subscription from `previous` (undefined: none) to `next`; false if over the bound. */
  take(next: string, previous: string | undefined): boolean {
    if (next === previous) return true;
    const growing = !this.uses.has(next);
    const shrinking = previous !== undefined && this.uses.get(previous) === 1;
    if (growing && !shrinking && this.uses.size >= this.max) return false;
    if (previous !== undefined) this.release(previous);
    this.uses.set(next, (this.uses.get(next) ?? 0) + 1);
    return true;
  }

  release(key: string): void {
    const left = (this.uses.get(key) ?? 1) - 1;
    if (left > 0) this.uses.set(key, left);
    else this.uses.delete(key);
  }
}
