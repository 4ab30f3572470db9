/** A call source's link health, for /health and the exporter's metrics (CallSource.stats()). */
export interface CallSourceStats {
  /** Reconnect attempts scheduled after a lost or failed connection. */
  readonly reconnects: number;
  /** Frames the PBX client could not parse. */
  readonly protocolErrors: number;
  /** PBX events received, by the PBX's event name. */
  readonly eventsByType: ReadonlyMap<string, number>;
}

/** Counts received PBX events by name (the adapters count connects and errors themselves). */
export class EventTypeCounter {
  readonly counts = new Map<string, number>();

  count(eventName: string | undefined): void {
    const name = eventName ?? '(response)';
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}
