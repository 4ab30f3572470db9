import { readFileSync } from 'node:fs';
import type { CallEvent } from '@hotline/call-events';
import type { AgentStateInterval } from '@hotline/kpi';
import { agentStateSpansOf } from '@hotline/kpi/agent-state-spans.factory';
import { EslDecoder } from '../protocol/esl-decoder';
import { fixturePath, loadRawCapture } from '../testing/esl-capture.factory';
import { parseAgentList } from './build-in-flight-view';
import { FreeswitchEventMapper } from './freeswitch-event-mapper';

/** The capture's agents as `callcenter_config agent list` gives them, from its callcenter.conf.xml. */
function agentListOfCaptureConfig(): string {
  const xml = readFileSync(fixturePath('pbx-config/autoload_configs/callcenter.conf.xml'), 'utf8');
  const rows = [...xml.matchAll(/<agent name="([^"]+)"[^>]*wrap-up-time="(\d+)"/g)].map(
    ([, name, wrapUp]) => `${name}|single_box||callback||Logged Out|Waiting|3|${wrapUp}|10|30|10`,
  );
  return [
    'name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|reject_delay_time|busy_delay_time|no_answer_delay_time',
    ...rows,
    '+OK',
  ].join('\n');
}

const captured = new EslDecoder()
  .push(loadRawCapture())
  .flatMap((message) => (message.event ? [message.event] : []));

function captureEvents(seed: boolean): CallEvent[] {
  const mapper = new FreeswitchEventMapper();
  if (seed) mapper.seedAgents(parseAgentList(agentListOfCaptureConfig()));
  return captured.flatMap((event) => mapper.map(event, 0));
}

describe('FreeSWITCH wrap-up (mod_callcenter wrap-up-time)', () => {
  const agents = parseAgentList(agentListOfCaptureConfig());

  it('reads wrap_up_time from the agent list (the capture’s agents: 5 s)', () => {
    expect(agents).toHaveLength(8);
    expect(new Set(agents.map((a) => a.wrapUpSeconds))).toEqual(new Set([5]));
  });

  it('without the agent list it says nothing; with it, each end carries wrap_up_time + 1 (the strict check)', () => {
    const unseeded = captureEvents(false).filter((e) => e.type === 'call-ended');
    expect(unseeded.length).toBeGreaterThan(20);
    expect(unseeded.every((e) => e.wrapUpSeconds === undefined)).toBe(true);
    const seeded = captureEvents(true).filter((e) => e.type === 'call-ended');
    expect(seeded.map((e) => e.wrapUpSeconds)).toEqual(seeded.map(() => 6));
  });

  it('shows mod_callcenter keeping each agent from calls until wrap_up_time + 1 s after the second its call ended', () => {
    const lastEnd = new Map<string, number>();
    const gaps: number[] = [];
    for (const e of captureEvents(true)) {
      if (e.type === 'call-ended') lastEnd.set(e.agent, Math.floor(e.at / 1000));
      const end = e.type === 'agent-ringing' ? lastEnd.get(e.agent) : undefined;
      if (e.type === 'agent-ringing' && end !== undefined) {
        gaps.push(Math.floor(e.at / 1000) - end);
        lastEnd.delete(e.agent);
      }
    }
    expect(gaps.length).toBeGreaterThan(10);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(6);
  });

  it('the engine shows each agent in wrap-up after its call until then, and mod_callcenter’s "Waiting" meanwhile does not end it', () => {
    const events = captureEvents(true);
    const spans = agentStateSpansOf(events, events[events.length - 1].at + 60_000);
    const ended = new Map(
      events.flatMap((e) => (e.type === 'call-ended' ? [[e.callId, e.at] as const] : [])),
    );
    const wrapUps = spans.filter((s) => s.state === 'wrap-up');
    expect(wrapUps.length).toBeGreaterThan(ended.size * 0.8);
    const next = (span: AgentStateInterval): AgentStateInterval | undefined =>
      spans.find((s) => s.agent === span.agent && s.startedAt === span.endedAt);
    let byTimer = 0;
    for (const span of wrapUps) {
      const end = ended.get(span.callId ?? '');
      expect(end).toBeDefined();
      const pbxEnd = (Math.floor(end! / 1000) + 6) * 1000;
      expect(span.endedAt).toBeLessThanOrEqual(pbxEnd);
      expect(['ringing', 'on-call']).not.toContain(next(span)?.state);
      if (span.endedAt === pbxEnd) byTimer++;
    }
    expect(byTimer).toBeGreaterThan(wrapUps.length * 0.8);
  });
});
