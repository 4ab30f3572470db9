import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CallEvent, CallSourceListener, PbxInFlightView } from '@hotline/call-events';
import { AsteriskCallSource } from './asterisk-call-source';
import { AmiEventMapper } from './mapping';
import { AmiDecoder } from './protocol';
import {
  FakeAmiServer,
  type FakeAmiConnection,
  formatAmiEventList,
  transcriptEventPart,
} from './testing/fake-ami-server';
import { fakeServerClientOptions } from './testing/ami-client-test-kit';

const run1 = transcriptEventPart(
  gunzipSync(readFileSync(join(__dirname, '../../../test/fixtures/asterisk/run1/run1.ami.raw.gz'))),
);
const FIXED_NOW = 1_795_916_700_000;

/** What the mapper makes of the capture when fed straight from the file. */
function callEventsInFile(): CallEvent[] {
  const mapper = new AmiEventMapper({});
  mapper.buildInFlightView([], [], FIXED_NOW);
  const events: CallEvent[] = [];
  for (const result of new AmiDecoder({ maxMessageBytes: 1_048_576 }).push(run1)) {
    if (result.ok && result.message.event !== undefined)
      events.push(...mapper.map(result.message, FIXED_NOW));
  }
  return events;
}

/** Yields to the event loop until the condition holds (socket I/O drives it, not a clock). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

type Call =
  | { kind: 'link'; up: boolean }
  | { kind: 'resync'; view: PbxInFlightView }
  | { kind: 'events'; events: CallEvent[] };

function recordingListener(
  expectedEvents: number,
  done: () => void,
): { calls: Call[]; listener: CallSourceListener; events: CallEvent[] } {
  const calls: Call[] = [];
  const events: CallEvent[] = [];
  const listener: CallSourceListener = {
    onLink: (up) => calls.push({ kind: 'link', up }),
    onResync: (view) => calls.push({ kind: 'resync', view }),
    onEvents: (batch) => {
      calls.push({ kind: 'events', events: batch });
      events.push(...batch);
      if (events.length >= expectedEvents) done();
    },
  };
  return { calls, listener, events };
}

// Real TCP carrying the whole run1 capture (13k events): on a loaded 2-core box that can take
// longer than Jest's default 5 s; the assertions are about content and order, not speed.
jest.setTimeout(60_000);

describe(AsteriskCallSource.name, () => {
  const expected = callEventsInFile();
  let server: FakeAmiServer;
  let source: AsteriskCallSource;

  beforeEach(async () => {
    // Empty lists: the view adds nothing the file-fed mapper would not know.
    server = await FakeAmiServer.start({ queueStatus: [], coreShowChannels: [] });
  });

  afterEach(async () => {
    await source.stop();
    await server.stop();
  });

  it('turns the streamed run1 capture into the same call events as the file', async () => {
    let finished!: () => void;
    const allDelivered = new Promise<void>((resolve) => (finished = resolve));
    const { calls, listener, events } = recordingListener(expected.length, finished);
    source = new AsteriskCallSource({ ami: fakeServerClientOptions(server), now: () => FIXED_NOW });
    source.start(listener);
    await until(() => source.ready);

    await server.stream(run1, 32 * 1024);
    await allDelivered;

    expect(expected.length).toBeGreaterThan(0);
    expect(events).toEqual(expected);
    expect(calls[0]).toEqual({ kind: 'link', up: true });
    expect(calls[1].kind).toBe('resync');
  });

  it('holds events that arrive during the resync and delivers them after the view, in order', async () => {
    let finished!: () => void;
    const allDelivered = new Promise<void>((resolve) => (finished = resolve));
    const { calls, listener, events } = recordingListener(expected.length, finished);
    let answerQueueStatus: (() => void) | undefined;
    const queueStatusAsked = new Promise<void>((resolve) =>
      server.handle('QueueStatus', (action, connection: FakeAmiConnection) => {
        answerQueueStatus = () =>
          connection.write(
            formatAmiEventList(
              action.actionId,
              'Queue status will follow',
              [],
              'QueueStatusComplete',
            ),
          );
        resolve();
        return undefined;
      }),
    );
    source = new AsteriskCallSource({
      ami: fakeServerClientOptions(server, { actionTimeoutMs: 20_000 }),
      now: () => FIXED_NOW,
    });
    source.start(listener);
    await queueStatusAsked;

    await server.stream(run1, 32 * 1024);
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.ready).toBe(false);
    expect(calls.filter((call) => call.kind !== 'link')).toEqual([]);

    answerQueueStatus?.();
    await allDelivered;
    expect(source.ready).toBe(true);
    expect(calls.map((call) => call.kind)).toEqual(['link', 'resync', 'events']);
    expect(events).toEqual(expected);
  });

  it('reports the link down and resyncs again after a reconnect', async () => {
    const { calls, listener } = recordingListener(Number.POSITIVE_INFINITY, () => undefined);
    source = new AsteriskCallSource({ ami: fakeServerClientOptions(server), now: () => FIXED_NOW });
    source.start(listener);
    await until(() => source.ready);

    const secondResync = server.waitForAction(
      'CoreShowChannels',
      (action) => action.connection === 2,
    );
    server.dropConnections();
    await secondResync;
    await until(() => source.ready);

    expect(calls.map((call) => (call.kind === 'link' ? `link:${call.up}` : call.kind))).toEqual([
      'link:true',
      'resync',
      'link:false',
      'link:true',
      'resync',
    ]);
    expect(server.actions.filter((action) => action.name === 'Filter').length).toBeGreaterThan(0);
  });
});
