import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEvent } from '@hotline/call-events';
import { CdrGapBackfill } from './cdr-gap-backfill';

const COLUMNS = [
  'uuid',
  'cc_side',
  'cc_queue',
  'cc_member_uuid',
  'cc_agent',
  'cc_queue_joined_epoch',
  'cc_queue_answered_epoch',
  'cc_queue_terminated_epoch',
  'cc_queue_canceled_epoch',
  'cc_cause',
  'cc_cancel_reason',
  'end_epoch',
  'hotline',
] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;

const Q = '12345@default';
/** Whole PBX seconds: the link lost at T0, the view at T0 + 600 s. */
const T0 = 1_609_722_000;
const LOST = T0 * 1000;
const VIEW = (T0 + 600) * 1000;

function answered(member: string, joined: number, answer: number, end: number): Row {
  return {
    uuid: `chan-${member}`,
    cc_side: 'member',
    cc_queue: Q,
    cc_member_uuid: member,
    cc_agent: '1001@default',
    cc_queue_joined_epoch: joined,
    cc_queue_answered_epoch: answer,
    cc_queue_terminated_epoch: end,
    cc_cause: 'answered',
    end_epoch: end,
    hotline: '12345',
  };
}

function abandoned(member: string, joined: number, left: number): Row {
  return {
    uuid: `chan-${member}`,
    cc_side: 'member',
    cc_queue: Q,
    cc_member_uuid: member,
    cc_queue_joined_epoch: joined,
    cc_queue_canceled_epoch: left,
    cc_cause: 'cancel',
    cc_cancel_reason: 'BREAK_OUT',
    end_epoch: left,
    hotline: '12345',
  };
}

const join_ = (member: string, at: number): CallEvent => ({
  type: 'caller-joined-queue',
  at: at * 1000 + 417,
  callId: member,
  contactId: `chan-${member}`,
  queue: Q,
});
const answer_ = (member: string, at: number, wait: number): CallEvent => ({
  type: 'agent-answered',
  at: at * 1000 + 9,
  callId: member,
  queue: Q,
  agent: '1001@default',
  waitSeconds: wait,
});
const end_ = (member: string, at: number, talk: number): CallEvent => ({
  type: 'call-ended',
  at: at * 1000 + 512,
  callId: member,
  queue: Q,
  agent: '1001@default',
  talkSeconds: talk,
  reason: 'agent-hangup',
});

describe('CdrGapBackfill: the CDR rows of a gap, each part of a call given once', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdr-gap-'));
    path = join(dir, 'Master.csv');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (rows: readonly Row[]): void =>
    writeFileSync(
      path,
      [COLUMNS, ...rows.map((r) => COLUMNS.map((c) => r[c] ?? ''))]
        .map((cells) => cells.map((v) => `"${v}"`).join(','))
        .join('\n') + '\n',
    );
  const backfill = () => new CdrGapBackfill({ cdr: { path, format: 'csv' }, marginMs: 60_000 });
  const kinds = (events: readonly CallEvent[]) =>
    events.map((e) => `${'callId' in e ? e.callId : ''}:${e.type}`);

  it('gives a call that joined live and ended in the gap only its answer and end, at the CDR’s times', async () => {
    write([answered('m1', T0 - 30, T0 + 20, T0 + 200)]);
    const b = backfill();
    b.noteDelivered([join_('m1', T0 - 30)]);
    const got = b.take(await b.gapEvents(LOST, VIEW));
    expect(got).toEqual([
      expect.objectContaining({ type: 'agent-answered', at: (T0 + 20) * 1000, waitSeconds: 50 }),
      expect.objectContaining({ type: 'call-ended', at: (T0 + 200) * 1000, talkSeconds: 180 }),
    ]);
    // The end says what the CDR cannot tell: who hung up.
    expect(got[1]).toMatchObject({ reason: 'other' });
  });

  it('gives an end seen live (held while the view was read) and in the CDR once', async () => {
    write([answered('m1', T0 + 10, T0 + 15, T0 + 100), abandoned('m2', T0 + 20, T0 + 50)]);
    const b = backfill();
    // m1's end arrived live (held while the view was read) before the CDR rows were taken.
    b.noteDelivered([join_('m1', T0 + 10), answer_('m1', T0 + 15, 5), end_('m1', T0 + 100, 85)]);
    const first = b.take(await b.gapEvents(LOST, VIEW));
    expect(kinds(first)).toEqual(['m2:caller-joined-queue', 'm2:caller-abandoned']);
    // The follow-up read of the same gap gives nothing again.
    expect(b.take(await b.gapEvents(LOST, VIEW))).toEqual([]);
  });

  it('leaves visits that ended before the loss (less the margin) and from `until` on to the link', async () => {
    write([
      abandoned('before', T0 - 200, T0 - 61),
      abandoned('margin', T0 - 200, T0 - 59),
      abandoned('settling', T0 + 500, T0 + 599),
      answered('in-gap', T0 + 100, T0 + 110, T0 + 300),
    ]);
    const b = backfill();
    const got = kinds(b.take(await b.gapEvents(LOST, VIEW - 2_000)));
    expect(got).toEqual([
      'margin:caller-joined-queue',
      'margin:caller-abandoned',
      'in-gap:caller-joined-queue',
      'in-gap:agent-answered',
      'in-gap:call-ended',
    ]);
    // The follow-up after the settle reaches the view.
    expect(kinds(b.take(await b.gapEvents(LOST, VIEW)))).toEqual([
      'settling:caller-joined-queue',
      'settling:caller-abandoned',
    ]);
  });

  it('gives the events of several visits in PBX time order, each visit in its own order', async () => {
    write([answered('long', T0 + 10, T0 + 20, T0 + 400), abandoned('short', T0 + 15, T0 + 30)]);
    const b = backfill();
    expect(kinds(b.take(await b.gapEvents(LOST, VIEW)))).toEqual([
      'long:caller-joined-queue',
      'short:caller-joined-queue',
      'long:agent-answered',
      'short:caller-abandoned',
      'long:call-ended',
    ]);
  });

  it('leaves what the view holds: a caller talking at the view keeps its join and answer from it', async () => {
    write([]);
    const b = backfill();
    b.noteView({
      at: VIEW,
      waiting: [],
      agents: [],
      talking: [
        {
          callId: 'talking',
          contactId: 'chan-talking',
          queue: Q,
          agent: '1001@default',
          joinedAt: (T0 + 100) * 1000,
          answeredAt: (T0 + 120) * 1000,
          waitSeconds: 20,
          times: 'ledger',
        },
      ],
    });
    // Its row appears once it hangs up, after the view: the gap's read does not take it.
    write([answered('talking', T0 + 100, T0 + 120, T0 + 700)]);
    expect(b.take(await b.gapEvents(LOST, VIEW))).toEqual([]);
    // Read up to later, the row gives only its end: join and answer came with the view.
    expect(kinds(b.take(await b.gapEvents(LOST, (T0 + 800) * 1000)))).toEqual([
      'talking:call-ended',
    ]);
  });

  it('after a restart, leaves the calls stored and the events a cluster stream already had', async () => {
    write([
      answered('stored', T0 - 100, T0 - 90, T0 - 10),
      answered('streamed', T0 - 50, T0 - 40, T0 + 60),
      abandoned('unseen', T0 + 5, T0 + 25),
    ]);
    const b = backfill();
    b.noteStored([
      {
        callId: 'stored',
        contactId: 'chan-stored',
        joinedAt: (T0 - 100) * 1000,
        endedAt: (T0 - 10) * 1000,
      },
    ]);
    b.noteDelivered([join_('streamed', T0 - 50), answer_('streamed', T0 - 40, 10)]);
    expect(kinds(b.take(await b.gapEvents(LOST, VIEW)))).toEqual([
      'unseen:caller-joined-queue',
      'unseen:caller-abandoned',
      'streamed:call-ended',
    ]);
  });

  it('reads a leg written twice (a rotated copy) once', async () => {
    write([abandoned('m1', T0 + 5, T0 + 25)]);
    writeFileSync(`${path}.1`, readFileSync(path));
    const b = backfill();
    expect(kinds(await b.gapEvents(LOST, VIEW))).toEqual([
      'm1:caller-joined-queue',
      'm1:caller-abandoned',
    ]);
  });
});
