import type { PbxLinkStatus } from '../live/live-kpi.service';

/**
 * PBX_LINK_DOWN, PBX_NOT_CONNECTED_YET, PBX_RESYNC_PENDING, or the PBX client's own code
 * (AMI_ERR_AUTH_FAILED, AMI_ERR_NOT_ASTERISK, ESL_ERR_AUTH …).
 */
export type NotReadyCode = string;

export type PbxReadiness =
  | { readonly ready: true }
  | { readonly ready: false; readonly code: NotReadyCode; readonly reason: string };

/**
 * Why the live figures cannot be trusted yet, in one line for /health/ready: the link is down
 * (and why: refused, no greeting, login refused or unanswered, another service on the port),
 * never came up, or is up but the in-flight view is still being read (resync pending).
 */
export function pbxReadiness(link: PbxLinkStatus): PbxReadiness {
  if (link.up && link.ready) return { ready: true };
  if (link.up)
    return {
      ready: false,
      code: 'PBX_RESYNC_PENDING',
      reason: 'resync pending: connected, reading what is in flight from the PBX',
    };
  if (link.reason === undefined)
    return {
      ready: false,
      code: 'PBX_NOT_CONNECTED_YET',
      reason: 'link down: not connected to the PBX yet',
    };
  return { ready: false, code: link.code ?? 'PBX_LINK_DOWN', reason: `link down: ${link.reason}` };
}

/**
 * An instance showing other sites is ready once its own site is and every other site has come
 * up once: a serve's other sites' streams (`cluster.sites`) are read up to where they stood at
 * start; an embedded monitor's further PBXs (`pbxes:`) have each been read once (engine
 * restored, first view applied). Another site's PBX going down later does not make it
 * unready: that site's boards say so, and this instance's other boards are fine.
 */
export function sitesReadiness(
  own: PbxReadiness,
  others: readonly { readonly site: string; readonly caughtUp: boolean }[],
  via: 'stream' | 'pbx' = 'stream',
): PbxReadiness {
  if (!own.ready) return own;
  const behind = others.filter((other) => !other.caughtUp).map((other) => other.site);
  if (behind.length === 0) return own;
  return via === 'stream'
    ? {
        ready: false,
        code: 'CLUSTER_CATCHING_UP',
        reason: `catching up with the stream of site ${behind.join(', ')}`,
      }
    : {
        ready: false,
        code: 'PBX_SITES_NOT_READY_YET',
        reason: `the PBX of site ${behind.join(', ')} has not been read yet (link, resync)`,
      };
}
