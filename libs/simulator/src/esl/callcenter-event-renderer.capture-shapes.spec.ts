import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EslDecoder, type EslEvent } from '@hotline/freeswitch';
import { loadScenario } from '../model/load-scenario';
import { TrafficModel } from '../model/traffic-model';
import { CallcenterEventRenderer } from './callcenter-event-renderer';
import { EslIdentities } from './esl-identities';
import { eventPlain, type EslEventFrame } from './esl-wire';

/**
 * The simulated mod_callcenter events have the shape of the real ones in fs-run1 (FreeSWITCH
 * 1.10.12): the same headers in the same order per CC-Action, the same percent-encoding, whole
 * seconds in CC-* times and µs in Event-Date-Timestamp.
 */
const capture = (() => {
  const raw = gunzipSync(
    readFileSync(join(__dirname, '../../../../test/fixtures/freeswitch/fs-run1.esl.raw.gz')),
  );
  const events: EslEvent[] = [];
  for (const message of new EslDecoder().push(raw)) if (message.event) events.push(message.event);
  return events;
})();

const simulated = (() => {
  const startAt = Date.parse('2021-01-04T10:00:00+08:00');
  const scenario = { ...loadScenario('small-demo'), skills: { en: 0.5, full: 0.15 } };
  const renderer = new CallcenterEventRenderer(new EslIdentities(3));
  const frames: EslEventFrame[] = [];
  new TrafficModel(scenario, { seed: 3, startAt, endAt: startAt + 3600_000 }, (e) =>
    frames.push(...renderer.render(e)),
  ).runToEnd();
  return frames;
})();

/** A key telling apart the shapes of one CC-Action (member-queue-end has two). */
function shapeKey(get: (name: string) => string | undefined): string {
  const action = get('CC-Action') ?? get('Event-Name') ?? '?';
  return action === 'member-queue-end' ? `${action}/${get('CC-Cause')}` : action;
}

const isChannelHeader = (name: string): boolean =>
  /^(Channel|Caller|Other|Call|Presence|Unique|Answer|Hangup)-|^Unique-ID$/.test(name);

function namesOf(headers: readonly (readonly [string, string])[]): string[] {
  return headers.map(([name]) => name);
}

describe(`${CallcenterEventRenderer.name} capture shapes`, () => {
  const real = new Map<string, EslEvent>();
  for (const event of capture) {
    if (event.subclass !== 'callcenter::info' && event.name !== 'HEARTBEAT') continue;
    const key = shapeKey((n) => event.get(n));
    // Prefer an example without the transfer headers the lab's uuid_bridge added.
    if (
      !real.has(key) ||
      (real.get(key)?.get('Caller-Transfer-Source') && !event.get('Caller-Transfer-Source'))
    )
      real.set(key, event);
  }
  const ours = new Map<string, EslEventFrame>();
  for (const frame of simulated) {
    const get = (n: string): string | undefined => frame.headers.find(([k]) => k === n)?.[1];
    const key = shapeKey(get);
    if (!ours.has(key)) ours.set(key, frame);
  }

  it('renders every callcenter action the capture has', () => {
    const expected = [...real.keys()]
      .filter((k) => k !== 'HEARTBEAT' && k !== 'member-queue-end/Cancel')
      .sort();
    expect([...ours.keys()].filter((k) => expected.includes(k)).sort()).toEqual(expected);
    expect(ours.has('member-queue-end/Cancel')).toBe(true);
  });

  it.each([
    'agent-status-change',
    'agent-state-change',
    'member-queue-start',
    'members-count',
    'agent-offering',
    'bridge-agent-start',
    'bridge-agent-end',
    'bridge-agent-fail',
    'member-queue-end/Cancel',
    'member-queue-end/Terminated',
  ])('%s: core headers, CC-* headers and channel headers in the capture’s order', (key) => {
    const mine = namesOf(ours.get(key)?.headers ?? []);
    const theirs = namesOf(real.get(key)?.headers ?? []).filter(
      (n) => n !== 'Caller-Transfer-Source',
    );
    expect(
      mine.filter(
        (n) => n.startsWith('Event-') || n === 'Core-UUID' || n.startsWith('FreeSWITCH-'),
      ),
    ).toEqual(
      theirs.filter(
        (n) => n.startsWith('Event-') || n === 'Core-UUID' || n.startsWith('FreeSWITCH-'),
      ),
    );
    expect(mine.filter((n) => n.startsWith('CC-'))).toEqual(
      theirs.filter((n) => n.startsWith('CC-')),
    );
    const channel = (names: string[]): string[] =>
      names.filter((n) => isChannelHeader(n) && n !== 'Hangup-Cause');
    expect(channel(mine)).toEqual(channel(theirs));
    const ccVariables = (names: string[]): string[] =>
      names.filter((n) => n.startsWith('variable_cc_'));
    expect(ccVariables(theirs).filter((v) => !mine.includes(v))).toEqual([]);
  });

  it('carries the line variable and the queue-join epoch on member-queue-start, as verbose-channel-events does', () => {
    const start = ours.get('member-queue-start');
    const get = (n: string): string | undefined => start?.headers.find(([k]) => k === n)?.[1];
    expect(get('variable_hotline')).toMatch(/^\d+$/);
    expect(get('variable_cc_queue_joined_epoch')).toBe(get('Event-Date-Timestamp')?.slice(0, 10));
    expect(get('variable_cc_member_uuid')).toBe(get('CC-Member-UUID'));
  });

  it('percent-encodes values like switch_url_encode (":" "@" " " encoded, "," kept)', () => {
    const text = eventPlain(ours.get('agent-offering')?.headers ?? []).toString();
    expect(text).toContain('Event-Subclass: callcenter%3A%3Ainfo\n');
    expect(text).toMatch(/\nCC-Queue: [\w-]+%40default\n/);
    expect(text).toMatch(
      /\nEvent-Date-GMT: [A-Z][a-z]{2},%20\d{2}%20[A-Z][a-z]{2}%20\d{4}%20\d{2}%3A\d{2}%3A\d{2}%20GMT\n/,
    );
    expect(text).toMatch(/\nEvent-Date-Local: \d{4}-\d{2}-\d{2}%20\d{2}%3A\d{2}%3A\d{2}\n/);
    const [envelope, inner] = [
      text.slice(0, text.indexOf('\n\n') + 2),
      text.slice(text.indexOf('\n\n') + 2),
    ];
    expect(envelope).toBe(
      `Content-Length: ${Buffer.byteLength(inner)}\nContent-Type: text/event-plain\n\n`,
    );
    expect(inner.endsWith('\n\n')).toBe(true);
  });

  it('stamps µs Event-Date-Timestamps that never leave the whole second of the CC-* times', () => {
    for (const frame of simulated) {
      const get = (n: string): string | undefined => frame.headers.find(([k]) => k === n)?.[1];
      const us = get('Event-Date-Timestamp') ?? '';
      expect(us).toMatch(/^\d{16}$/);
      expect(Math.floor(Number(us) / 1e6)).toBe(Math.floor(frame.at / 1000));
      for (const name of [
        'CC-Member-Joined-Time',
        'CC-Agent-Answered-Time',
        'CC-Bridge-Terminated-Time',
        'CC-Member-Leaving-Time',
      ])
        if (get(name) !== undefined) expect(get(name)).toMatch(/^\d{10}$/);
    }
  });

  it('reports a ring the caller’s leaving cancels after the member’s end, as fs-run1 does', () => {
    const actions = simulated.map((f) => ({
      action: f.headers.find(([k]) => k === 'CC-Action')?.[1],
      cause: f.headers.find(([k]) => k === 'CC-Hangup-Cause')?.[1],
      member: f.headers.find(([k]) => k === 'CC-Member-UUID')?.[1],
    }));
    const cancels = actions.filter(
      (a) => a.action === 'bridge-agent-fail' && a.cause === 'ORIGINATOR_CANCEL',
    );
    expect(cancels.length).toBeGreaterThan(0);
    for (const cancel of cancels) {
      const failAt = actions.indexOf(cancel);
      const endAt = actions.findIndex(
        (a) => a.action === 'member-queue-end' && a.member === cancel.member,
      );
      expect(endAt).toBeGreaterThanOrEqual(0);
      expect(endAt).toBeLessThan(failAt);
    }
  });
});
