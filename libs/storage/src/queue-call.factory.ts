import type { QueueCallRecord } from './stored-records';

/** Builds a finished queue call; every field can be overridden. */
export function queueCall(
  overrides: Partial<QueueCallRecord> & Pick<QueueCallRecord, 'callId'>,
): QueueCallRecord {
  const joinedAt = overrides.joinedAt ?? Date.UTC(2026, 10, 2, 2, 0, 0);
  const outcome = overrides.outcome ?? 'answered';
  const waitSeconds = overrides.waitSeconds ?? 5;
  const answered = outcome === 'answered';
  // An explicit null (answered, talk unknown) is kept.
  const talkSeconds =
    overrides.talkSeconds !== undefined ? overrides.talkSeconds : answered ? 120 : null;
  return {
    contactId: overrides.callId,
    queue: 'q-general',
    line: '12345',
    agent: answered ? 'agent-1' : null,
    answeredAt: answered ? joinedAt + waitSeconds * 1000 : null,
    endedAt: joinedAt + (waitSeconds + (talkSeconds ?? 0)) * 1000,
    reason: answered ? 'caller-hangup' : null,
    ...overrides,
    joinedAt,
    outcome,
    waitSeconds,
    talkSeconds,
  };
}
