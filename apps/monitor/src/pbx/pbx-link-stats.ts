/** The PBX link's own health, for /health and the exporter's metrics. */
export interface PbxLinkStats {
  readonly reconnects: number;
  readonly protocolErrors: number;
  /** PBX events received, by event name. */
  readonly eventsByType: ReadonlyMap<string, number>;
}

export const NO_LINK_STATS: PbxLinkStats = {
  reconnects: 0,
  protocolErrors: 0,
  eventsByType: new Map(),
};

/** Counts received PBX events by name; the adapters count connects and errors themselves. */
export class EventTypeCounter {
  readonly counts = new Map<string, number>();

  count(eventName: string | undefined): void {
    const name = eventName ?? '(response)';
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}
