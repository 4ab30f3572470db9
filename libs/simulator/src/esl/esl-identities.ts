import { createHash } from 'node:crypto';

/** mod_callcenter's default domain: queues and agents are named `<name>@default`. */
export const CALLCENTER_DOMAIN = 'default';

/**
 * Names and UUIDs the simulated FreeSWITCH gives the model's queues, agents and calls.
 *
 * - Queue `12345` of the model is mod_callcenter queue `12345@default` (callcenter.conf.xml
 *   `<queue name="12345@default">`); `eslQueueName` / `modelQueueName` map both ways, so a
 *   comparison with the AMI side strips `@default`.
 * - Agent `agent101` (AMI MemberName) is mod_callcenter agent `101@default`.
 * - UUIDs are derived from the seed and the model's ids (SHA-1, laid out as a v4 UUID), so the
 *   same seed gives the same UUIDs and a test can find the ESL call of a truth record:
 *   the caller's channel (CC-Member-Session-UUID) from the contact's Linkedid, the member
 *   (CC-Member-UUID, our callId) from its Uniqueid and visit number.
 */
export class EslIdentities {
  constructor(private readonly seed: number) {}

  /** FreeSWITCH's Core-UUID of this simulated box. */
  get coreUuid(): string {
    return this.uuid('core', '');
  }

  sessionUuid(linkedid: string): string {
    return this.uuid('session', linkedid);
  }

  memberUuid(uniqueid: string, visitIndex: number): string {
    return this.uuid('member', `${uniqueid}/${visitIndex}`);
  }

  /** The agent leg of one ring attempt (the model's agent Uniqueid). */
  agentLegUuid(agentUniqueid: string): string {
    return this.uuid('agent-leg', agentUniqueid);
  }

  private uuid(kind: string, key: string): string {
    const hex = createHash('sha1').update(`${this.seed}:${kind}:${key}`).digest('hex');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

export function eslQueueName(modelQueue: string): string {
  return `${modelQueue}@${CALLCENTER_DOMAIN}`;
}

/** `12345@default` → `12345`; a name without the domain is returned as is. */
export function modelQueueName(eslQueue: string): string {
  const suffix = `@${CALLCENTER_DOMAIN}`;
  return eslQueue.endsWith(suffix) ? eslQueue.slice(0, -suffix.length) : eslQueue;
}

/** `agent101` → `101@default`. */
export function eslAgentName(modelAgent: string): string {
  return `${modelAgent.replace(/^agent/, '')}@${CALLCENTER_DOMAIN}`;
}
