import { summarizeCalls } from './summarize-calls';
import type { TruthCall } from './truth-call';

const base = { line: '12345', callerNumber: '0700000000', endedAt: 0 };
const t0 = Date.parse('2021-01-04T10:00:00+08:00');

describe(summarizeCalls.name, () => {
  const calls: TruthCall[] = [
    // Overflow: 30 s timeout in 12345-en, then answered at once in 12345.
    {
      ...base,
      uniqueid: 'u1',
      linkedid: 'c1',
      queue: '12345-en',
      visit: 0,
      joinedAt: t0,
      endedAt: t0 + 30_000,
      waitSeconds: 30,
      outcome: 'exited',
      reason: 'TIMEOUT',
    },
    {
      ...base,
      uniqueid: 'u1',
      linkedid: 'c1',
      queue: '12345',
      visit: 1,
      joinedAt: t0 + 30_020,
      answeredAt: t0 + 32_000,
      endedAt: t0 + 332_000,
      waitSeconds: 2,
      talkSeconds: 300,
      outcome: 'answered',
      reason: 'agent',
      agent: 'agent101',
      survey: 2,
    },
    // Answered in 5 s, talk 301 s.
    {
      ...base,
      uniqueid: 'u2',
      linkedid: 'c2',
      queue: '12345',
      visit: 0,
      joinedAt: t0,
      answeredAt: t0 + 5_000,
      endedAt: t0 + 306_000,
      waitSeconds: 5,
      talkSeconds: 301,
      outcome: 'answered',
      reason: 'caller',
      agent: 'agent102',
      survey: 5,
    },
    // Short abandon and a refusal.
    {
      ...base,
      uniqueid: 'u3',
      linkedid: 'c3',
      queue: '12345',
      visit: 0,
      joinedAt: t0,
      endedAt: t0 + 3_000,
      waitSeconds: 3,
      outcome: 'abandoned',
      reason: 'ABANDON',
    },
    {
      ...base,
      uniqueid: 'u4',
      linkedid: 'c4',
      queue: '12345-full',
      visit: 0,
      joinedAt: t0,
      endedAt: t0,
      waitSeconds: 0,
      outcome: 'blocked',
      reason: 'FULL',
    },
  ];
  const summary = summarizeCalls(calls);

  it('counts the overflowed caller as answered within 10 s for the queue but not for the centre', () => {
    expect(summary.queues['12345'].answeredWithin10s).toBe(2);
    expect(summary.centre.answeredWithin10s).toBe(1);
    expect(summary.centre.offered).toBe(4);
    expect(summary.centre.answered).toBe(2);
  });

  it('does not count a talk of exactly 300 s as over 5 minutes', () => {
    expect(summary.centre.over5Min).toBe(1);
    expect(summary.queues['12345'].over5MinRate).toBe(50);
  });

  it('splits the loss into abandoned, exited and blocked per queue', () => {
    expect(summary.queues['12345-en'].exited).toBe(1);
    expect(summary.queues['12345-full'].blocked).toBe(1);
    expect(summary.queues['12345'].shortAbandons).toBe(1);
    expect(summary.centre.abandonRate).toBe(25);
  });

  it('rates satisfaction from scores of 3 and up', () => {
    expect(summary.centre.satisfactionRate).toBe(50);
    expect(summary.agents['agent101'].satisfied).toBe(0);
  });
});
