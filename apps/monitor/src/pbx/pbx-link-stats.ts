import type { CallSourceStats } from '@hotline/call-events';

/** The PBX link's own health, for /health and the exporter's metrics (CallSource.stats()). */
export type PbxLinkStats = CallSourceStats;

/** Before a call source exists. */
export const NO_LINK_STATS: PbxLinkStats = {
  reconnects: 0,
  protocolErrors: 0,
  eventsByType: new Map(),
};
