import type { CallEvent } from '@hotline/call-events';
import { AmiEventMapper } from '@hotline/asterisk/mapping';
import { AmiMessage } from '@hotline/asterisk/protocol/ami-message';
import { EslDecoder, FreeswitchEventMapper, parseAgentList } from '@hotline/freeswitch';
import { type AgentStateInterval, type KpiEngineConfig, KpiEngine } from '@hotline/kpi';
import { AmiEventRenderer } from '../ami/ami-event-renderer';
import { agentList } from '../esl/callcenter-lists';
import { CallcenterEventRenderer } from '../esl/callcenter-event-renderer';
import { EslIdentities } from '../esl/esl-identities';
import { eventPlain } from '../esl/esl-wire';
import { loadScenario } from './load-scenario';
import type { ModelEvent } from './model-event';
import type { AfterCallWorkConfig } from './scenario-config';
import { TrafficModel } from './traffic-model';

const START = Date.parse('2021-01-04T09:00:00+08:00');
const HOURS = 1;

interface Run {
  readonly model: ModelEvent[];
  readonly events: CallEvent[];
  readonly spans: AgentStateInterval[];
}

function scenarioWith(afterCallWork: AfterCallWorkConfig) {
  return { ...loadScenario('short-staffed-acw'), afterCallWork };
}

/** The scenario through the AMI renderer, the Asterisk mapper and the engine. */
function overAmi(afterCallWork: AfterCallWorkConfig, agents: KpiEngineConfig['agents']): Run {
  const renderer = new AmiEventRenderer();
  const mapper = new AmiEventMapper();
  mapper.buildInFlightView([], [], START);
  const model: ModelEvent[] = [];
  const events: CallEvent[] = [];
  new TrafficModel(
    scenarioWith(afterCallWork),
    { seed: 3, startAt: START, endAt: START + HOURS * 3600_000 },
    (e) => {
      model.push(e);
      for (const frame of renderer.render(e))
        events.push(...mapper.map(new AmiMessage(frame.headers), frame.at));
    },
  ).runToEnd();
  return { model, events, spans: engineSpans(events, agents) };
}

/** The scenario through the ESL renderer, the FreeSWITCH mapper (seeded with the agent list) and the engine. */
function overEsl(afterCallWork: AfterCallWorkConfig): Run {
  const scenario = scenarioWith(afterCallWork);
  const ids = new EslIdentities(3);
  const renderer = new CallcenterEventRenderer(ids);
  const decoder = new EslDecoder();
  const mapper = new FreeswitchEventMapper();
  const model: ModelEvent[] = [];
  const events: CallEvent[] = [];
  const traffic = new TrafficModel(
    scenario,
    { seed: 3, startAt: START, endAt: START + HOURS * 3600_000 },
    (e) => {
      model.push(e);
      for (const frame of renderer.render(e))
        for (const message of decoder.push(eventPlain(frame.headers)))
          if (message.event) events.push(...mapper.map(message.event, frame.at));
    },
  );
  mapper.seedAgents(parseAgentList(agentList(traffic.agentStates(), () => undefined)));
  traffic.runToEnd();
  return { model, events, spans: engineSpans(events, undefined) };
}

function engineSpans(events: readonly CallEvent[], agents: KpiEngineConfig['agents']) {
  const engine = new KpiEngine({ agents });
  const spans: AgentStateInterval[] = [];
  engine.onAgentStateInterval((span) => spans.push(span));
  for (const event of events) {
    engine.tick(event.at);
    engine.apply(event);
  }
  engine.tick(START + (HOURS + 1) * 3600_000);
  return spans;
}

const seconds = (spans: readonly AgentStateInterval[]): number =>
  spans.reduce((sum, s) => sum + (s.endedAt - s.startedAt) / 1000, 0);

describe('after-call work in the simulator, read by the monitor', () => {
  it('pause-code: each call is followed by a 话后 pause the monitor shows as wrap-up, with the model’s seconds, named after the call', () => {
    const run = overAmi(
      { kind: 'pause-code', reason: '话后' },
      { pauseReasons: { 话后: 'after-call-work', 小休: 'break' } },
    );
    const pauses = run.model.filter(
      (e): e is Extract<ModelEvent, { type: 'memberPaused' }> => e.type === 'memberPaused',
    );
    const acwStarts = pauses.filter((p) => p.paused && p.reason === '话后');
    const answered = run.events.filter((e) => e.type === 'call-ended');
    expect(acwStarts.length).toBe(answered.length);
    // Truth: the model's 话后 pauses, from start to the next unpause of the same agent.
    let truthSeconds = 0;
    for (const start of acwStarts) {
      const end = pauses.find((p) => !p.paused && p.agent === start.agent && p.at >= start.at);
      truthSeconds += ((end?.at ?? START + HOURS * 3600_000) - start.at) / 1000;
    }
    const wrapUps = run.spans.filter((s) => s.state === 'wrap-up');
    expect(wrapUps.every((s) => s.pauseReason === '话后')).toBe(true);
    const endedIds = new Set(answered.map((e) => e.callId));
    expect(wrapUps.every((s) => endedIds.has(s.callId ?? ''))).toBe(true);
    const open = acwStarts.length - wrapUps.length; // still under way at the end of the run
    expect(open).toBeGreaterThanOrEqual(0);
    expect(open).toBeLessThanOrEqual(8);
    expect(seconds(wrapUps)).toBeGreaterThan(acwStarts.length * 60);
    expect(Math.abs(seconds(wrapUps) - truthSeconds)).toBeLessThanOrEqual(
      open * 600 + wrapUps.length,
    );
    // 小休 stays a pause.
    expect(run.spans.some((s) => s.state === 'paused' && s.pauseReason === '小休')).toBe(true);
  });

  it('wrapuptime over AMI: the member’s Wrapuptime holds it in wrap-up for exactly that after each call, and the model rings nobody inside it', () => {
    const run = overAmi({ kind: 'wrapuptime', seconds: 90 }, undefined);
    const ended = run.events.filter((e) => e.type === 'call-ended');
    expect(ended.length).toBeGreaterThan(30);
    expect(ended.every((e) => e.wrapUpSeconds === 90)).toBe(true);
    checkHeldWrapUps(run, ended, 90);
  });

  it('wrapuptime over ESL: wrap-up-time from the agent list holds each agent as long as the model does', () => {
    const run = overEsl({ kind: 'wrapuptime', seconds: 90 });
    const ended = run.events.filter((e) => e.type === 'call-ended');
    expect(ended.length).toBeGreaterThan(30);
    expect(ended.every((e) => e.wrapUpSeconds === 90)).toBe(true);
    checkHeldWrapUps(run, ended, 90);
  });
});

function checkHeldWrapUps(
  run: Run,
  ended: readonly Extract<CallEvent, { type: 'call-ended' }>[],
  n: number,
): void {
  const endOf = new Map(ended.map((e) => [e.callId, e.at]));
  const wrapUps = run.spans.filter((s) => s.state === 'wrap-up');
  expect(wrapUps.length).toBeGreaterThan(ended.length * 0.8);
  const next = (span: AgentStateInterval): AgentStateInterval | undefined =>
    run.spans.find((s) => s.agent === span.agent && s.startedAt === span.endedAt);
  let full = 0;
  for (const span of wrapUps) {
    const end = endOf.get(span.callId ?? '');
    expect(end).toBeDefined();
    const pbxEnd = (Math.floor(end! / 1000) + n) * 1000;
    expect(span.endedAt).toBeLessThanOrEqual(pbxEnd);
    // Never cut short by a ring: the model offers the agent a call at the wrap-up's end at the earliest.
    if (['ringing', 'on-call'].includes(next(span)?.state ?? '')) expect(span.endedAt).toBe(pbxEnd);
    if (span.endedAt === pbxEnd) full++;
  }
  expect(full).toBeGreaterThan(wrapUps.length * 0.8);
}
