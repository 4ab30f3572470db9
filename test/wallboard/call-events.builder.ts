import type { AgentState, CallEvent } from '@hotline/call-events';

/** Concise call events for the wallboard tests (times are epoch ms, now by default). */
export const call = {
  joined: (callId: string, queue: string, at = Date.now(), line?: string): CallEvent => ({
    type: 'caller-joined-queue',
    at,
    callId,
    contactId: `contact-${callId}`,
    queue,
    callerNumber: '13812345678',
    ...(line ? { line } : {}),
  }),
  answered: (
    callId: string,
    queue: string,
    agent: string,
    waitSeconds: number,
    at = Date.now(),
  ): CallEvent => ({
    type: 'agent-answered',
    at,
    callId,
    queue,
    agent,
    waitSeconds,
  }),
  ended: (
    callId: string,
    queue: string,
    agent: string,
    talkSeconds: number,
    at = Date.now(),
  ): CallEvent => ({
    type: 'call-ended',
    at,
    callId,
    queue,
    agent,
    talkSeconds,
    reason: 'caller-hangup',
  }),
  abandoned: (callId: string, queue: string, waitSeconds: number, at = Date.now()): CallEvent => ({
    type: 'caller-abandoned',
    at,
    callId,
    queue,
    waitSeconds,
  }),
  agent: (
    agent: string,
    state: AgentState,
    queues: string[],
    pauseReason?: string,
    at = Date.now(),
  ): CallEvent => ({
    type: 'agent-state-changed',
    at,
    agent,
    state,
    queues,
    ...(pauseReason ? { pauseReason } : {}),
  }),
};
