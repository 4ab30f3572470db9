import type { AlarmCondition } from './alarm';

export interface LinkState {
  readonly up: boolean;
  readonly ready: boolean;
  readonly since: number;
  readonly reason?: string;
}

/**
 * The PBX link is down: every live figure is suspect. The moment between connect and resync
 * is not an alarm (it lasts one QueueStatus round trip); the boards show it as not live.
 */
export class PbxLinkAlarmRule {
  conditions(link: LinkState): AlarmCondition[] {
    if (link.up) return [];
    return [
      {
        kind: 'pbx-link',
        subject: 'pbx',
        severity: 'critical',
        value: null,
        threshold: null,
        detail: {
          state: link.up ? 'resyncing' : 'down',
          ...(link.reason ? { reason: link.reason } : {}),
        },
        since: link.since,
      },
    ];
  }
}
