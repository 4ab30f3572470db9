import type { AlarmCondition } from './alarm';

export interface LinkState {
  readonly up: boolean;
  readonly ready: boolean;
  readonly since: number;
  readonly reason?: string;
}

/** The PBX link is down (or up but not yet resynced): every live figure is suspect. */
export class PbxLinkAlarmRule {
  conditions(link: LinkState): AlarmCondition[] {
    if (link.up && link.ready) return [];
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
