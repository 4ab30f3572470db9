import type { AgentPresence, AgentState } from '@hotline/call-events';

/** What one queue says about one member (QueueMemberStatus/Pause/Added, QueueStatus QueueMember). */
export interface MembershipReport {
  readonly agent: string;
  readonly queue: string;
  /** Device state number (`Status`): AST_DEVICE_* from devicestate.h. */
  readonly deviceStatus: number;
  readonly paused: boolean;
  readonly pausedReason?: string;
  readonly inCall: boolean;
  /** The member's own `Wrapuptime` (seconds; 0: the queue's, which AMI does not report). */
  readonly wrapUpSeconds?: number;
}

interface Membership {
  readonly state: AgentState;
  readonly pauseReason?: string;
  readonly wrapUpSeconds?: number;
}

/**
 * Device states (include/asterisk/devicestate.h): 0 UNKNOWN, 1 NOT_INUSE, 2 INUSE, 3 BUSY,
 * 4 INVALID, 5 UNAVAILABLE, 6 RINGING, 7 RINGINUSE, 8 ONHOLD.
 */
function membershipState(report: MembershipReport): AgentState {
  const status = report.deviceStatus;
  if (report.inCall || status === 2 || status === 3 || status === 8) return 'on-call';
  if (status === 6 || status === 7) return 'ringing';
  if (report.paused) return 'paused';
  if (status === 4 || status === 5) return 'logged-out';
  return 'available';
}

/** Busiest first: an agent on a call in one queue is on a call, whatever the others say. */
const PRIORITY: readonly AgentState[] = [
  'on-call',
  'ringing',
  'wrap-up',
  'available',
  'paused',
  'logged-out',
];

/**
 * An agent's one state from its memberships: app_queue keeps pause and status per queue
 * (QueuePause without Queue pauses all of them and sends one QueueMemberPause per queue), but
 * the wallboard shows a person. Available in any queue beats paused in another: the agent can
 * still be offered calls. Only changes are reported, so the N events of one pause give one.
 */
export class AgentPresenceTracker {
  private readonly memberships = new Map<string, Map<string, Membership>>();
  private readonly reported = new Map<string, string>();

  /** Returns the agent's presence when it changed, else undefined. */
  report(report: MembershipReport): AgentPresence | undefined {
    let perQueue = this.memberships.get(report.agent);
    if (!perQueue) {
      perQueue = new Map();
      this.memberships.set(report.agent, perQueue);
    }
    const state = membershipState(report);
    perQueue.set(report.queue, {
      state,
      ...(report.paused && report.pausedReason ? { pauseReason: report.pausedReason } : {}),
      ...(report.wrapUpSeconds ? { wrapUpSeconds: report.wrapUpSeconds } : {}),
    });
    return this.changed(report.agent);
  }

  /**
   * The member's own wrap-up in a queue, when set (app_queue get_wrapuptime: the member's
   * `Wrapuptime` when non-zero, else the queue's `wrapuptime`, which AMI never reports).
   */
  wrapUpSeconds(agent: string, queue: string): number | undefined {
    return this.memberships.get(agent)?.get(queue)?.wrapUpSeconds;
  }

  removed(agent: string, queue: string): AgentPresence | undefined {
    this.memberships.get(agent)?.delete(queue);
    return this.changed(agent);
  }

  /** Replaces everything with what a QueueStatus listed (after a reconnect). */
  reset(reports: readonly MembershipReport[]): AgentPresence[] {
    const previous = [...this.memberships.keys()];
    this.memberships.clear();
    for (const report of reports) this.report(report);
    for (const agent of previous)
      if (!this.memberships.has(agent)) this.memberships.set(agent, new Map());
    this.reported.clear();
    const all = [...this.memberships.keys()].map((agent) => this.presence(agent));
    for (const presence of all) this.reported.set(presence.agent, key(presence));
    return all;
  }

  presence(agent: string): AgentPresence {
    const perQueue = this.memberships.get(agent) ?? new Map<string, Membership>();
    const queues = [...perQueue.keys()].sort();
    let best: Membership | undefined;
    for (const membership of perQueue.values()) {
      if (!best || PRIORITY.indexOf(membership.state) < PRIORITY.indexOf(best.state))
        best = membership;
    }
    const state = best?.state ?? 'logged-out';
    const pauseReason =
      state === 'paused'
        ? [...perQueue.values()].find((m) => m.pauseReason !== undefined)?.pauseReason
        : undefined;
    return { agent, state, ...(pauseReason !== undefined ? { pauseReason } : {}), queues };
  }

  private changed(agent: string): AgentPresence | undefined {
    const presence = this.presence(agent);
    const now = key(presence);
    if (this.reported.get(agent) === now) return undefined;
    this.reported.set(agent, now);
    return presence;
  }
}

function key(presence: AgentPresence): string {
  return `${presence.state}|${presence.pauseReason ?? ''}|${presence.queues.join(',')}`;
}
