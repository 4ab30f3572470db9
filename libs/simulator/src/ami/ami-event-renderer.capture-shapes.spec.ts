import { join } from 'node:path';
import type { AmiFrame } from './ami-frame';
import { AmiEventRenderer } from './ami-event-renderer';
import { TrafficModel } from '../model/traffic-model';
import { loadScenario } from '../model/load-scenario';
import { readAmiCapture } from '../replay/ami-capture';

const CAPTURE = join(__dirname, '../../../../test/fixtures/asterisk/run2/run2.ami.gz');

function names(headers: readonly (readonly [string, string])[]): string[] {
  return headers.map(([k]) => k);
}

/** Header names of each captured event, as Asterisk 22.10 sent them. */
function capturedShapes(): Map<string, string[][]> {
  const shapes = new Map<string, string[][]>();
  for (const message of readAmiCapture(CAPTURE)) {
    const lines = message.data
      .toString('utf8')
      .split('\r\n')
      .filter((l) => l.length > 0);
    const headerNames = lines.map((l) => l.slice(0, l.indexOf(':')));
    const list = shapes.get(message.event ?? '') ?? [];
    list.push(headerNames);
    shapes.set(message.event ?? '', list);
  }
  return shapes;
}

function renderedFrames(): AmiFrame[] {
  const frames: AmiFrame[] = [];
  const renderer = new AmiEventRenderer();
  // Across the shift change at midnight (log-outs), with a thinly staffed 12345-full (refusals).
  const startAt = Date.parse('2021-01-04T22:00:00+08:00');
  const scenario = { ...loadScenario('small-demo'), skills: { en: 0.5, full: 0.1 } };
  const model = new TrafficModel(
    scenario,
    { seed: 11, startAt, endAt: startAt + 3 * 3600_000 },
    (e) => {
      for (const f of renderer.render(e)) frames.push(f);
    },
  );
  model.runToEnd();
  return frames;
}

describe(AmiEventRenderer.name, () => {
  const captured = capturedShapes();
  const frames = renderedFrames();
  const rendered = (event: string): string[][] =>
    frames.filter((f) => f.headers[0][1] === event).map((f) => names(f.headers));

  it.each([
    'QueueCallerJoin',
    'QueueCallerLeave',
    'QueueCallerAbandon',
    'AgentCalled',
    'AgentConnect',
    'AgentRingNoAnswer',
    'QueueMemberStatus',
    'QueueMemberAdded',
    'QueueMemberRemoved',
    'QueueMemberPause',
    'UserEvent',
    'VarSet',
    'Newexten',
    'Newchannel',
    'Hangup',
    'DialBegin',
    'DialEnd',
    'LocalBridge',
    'BridgeEnter',
    'BlindTransfer',
  ])('renders %s with the header names and order of the real capture', (event) => {
    // The first VarSet of the capture is a global one (Channel: none); take a channel's.
    const real = captured.get(event)!.find((s) => event !== 'VarSet' || s.includes('Linkedid'))!;
    const ours = rendered(event);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours[0]).toEqual(real);
  });

  it('renders AgentComplete in each shape the capture shows (full, no caller block, no agent block)', () => {
    const realShapes = new Set(captured.get('AgentComplete')!.map((s) => s.join(',')));
    const ours = rendered('AgentComplete');
    for (const shape of ours) expect(realShapes).toContain(shape.join(','));
    expect(new Set(ours.map((s) => s.join(','))).size).toBeGreaterThanOrEqual(3);
  });

  it('sends QueueCallerAbandon for timeouts too, told apart by VarSet QUEUESTATUS afterwards', () => {
    const abandonIndexes = frames.flatMap((f, i) =>
      f.headers[0][1] === 'QueueCallerAbandon' ? [i] : [],
    );
    const statuses = abandonIndexes.map((i) => {
      const uid = frames[i].headers.find(([k]) => k === 'Uniqueid')![1];
      const next = frames
        .slice(i + 1, i + 60)
        .find(
          (f) =>
            f.headers[0][1] === 'VarSet' &&
            f.headers.some(([k, v]) => k === 'Variable' && v === 'QUEUESTATUS') &&
            f.headers.some(([k, v]) => k === 'Uniqueid' && v === uid),
        );
      return next?.headers.find(([k]) => k === 'Value')?.[1] ?? 'hangup';
    });
    expect(statuses).toContain('hangup');
    expect(statuses).toContain('TIMEOUT');
  });

  it('shows a refusal only as VarSet QUEUESTATUS (no queue event for that caller there)', () => {
    const index = frames.findIndex((f) =>
      f.headers.some(([k, v]) => k === 'Value' && (v === 'FULL' || v === 'JOINEMPTY')),
    );
    expect(index).toBeGreaterThan(0);
    const uid = frames[index].headers.find(([k]) => k === 'Uniqueid')![1];
    const joinedFull = frames.some(
      (f) =>
        f.headers[0][1] === 'QueueCallerJoin' &&
        f.headers.some(([k, v]) => k === 'Uniqueid' && v === uid) &&
        f.headers.some(([k, v]) => k === 'Queue' && v === '12345-full'),
    );
    expect(joinedFull).toBe(false);
  });

  it('joins the new queue before the old AgentComplete on a blind transfer', () => {
    const index = frames.findIndex((f) =>
      f.headers.some(([k, v]) => k === 'Reason' && v === 'transfer'),
    );
    expect(index).toBeGreaterThan(0);
    const uid = frames[index].headers.find(([k]) => k === 'Uniqueid')?.[1];
    const join = frames
      .slice(0, index)
      .reverse()
      .find((f) => f.headers[0][1] === 'QueueCallerJoin');
    expect(join?.headers.find(([k]) => k === 'Uniqueid')?.[1]).toBe(uid);
  });

  it('makes noise at a realistic ratio: VarSet about half of all events, 120–220 per queue call', () => {
    const calls = frames.filter((f) => f.headers[0][1] === 'QueueCallerJoin').length;
    const varSets = frames.filter((f) => f.headers[0][1] === 'VarSet').length;
    expect(varSets / frames.length).toBeGreaterThan(0.4);
    expect(varSets / frames.length).toBeLessThan(0.6);
    expect(frames.length / calls).toBeGreaterThan(120);
    expect(frames.length / calls).toBeLessThan(220);
  });
});
