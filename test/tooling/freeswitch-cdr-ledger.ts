/**
 * The ledger auditors compare against: FreeSWITCH's own CDR (mod_cdr_csv, one row per leg; the
 * `cc_side=member` rows are the callers, with mod_callcenter's whole-second cc_* epochs).
 * Counts per queue, per line and for the centre, computed from the CDR alone, so the replay
 * test can check the live pipeline call for call against what FreeSWITCH wrote down.
 *
 * Rules (checked against fs-run1.truth.json, and why):
 *  - answered: `cc_queue_answered_epoch` is set. mod_callcenter sets it only after a
 *    successful bridge — including the calls whose max-wait-time expired as the agent answered,
 *    which the CDR marks `cc_cause=cancel`, `cc_cancel_reason=TIMEOUT` *and* answered.
 *  - wait: answered − joined (whole epoch seconds); answered within 10 s: wait ≤ 10.
 *  - talk: (cc_queue_terminated_epoch, else end_epoch) − answered; over 5 minutes: talk > 300.
 *    Not `billsec`: billsec runs from the caller's channel answer, i.e. it includes the wait
 *    (fs-run1-0001: billsec 323, talk 321).
 *  - abandoned: not answered and cc_cancel_reason BREAK_OUT (caller hung up while waiting).
 *  - exited: not answered and another cancel reason (TIMEOUT → timeout, NO_AGENT_TIMEOUT →
 *    leave-empty, EXIT_WITH_KEY → exit-key, anything else → other).
 *  - the CDR file holds legs of earlier runs too: rows are taken by cc_queue_joined_epoch inside
 *    the capture's window.
 * Centre scope counts contacts (cc_member_session_uuid): answered if any visit was, wait from
 * the first join to the first answer, unanswered outcome from the last visit.
 */

export interface LedgerCounts {
  offered: number;
  answered: number;
  answeredWithin10s: number;
  over5Minutes: number;
  abandoned: number;
  exited: Record<string, number>;
}

export type LedgerOutcome = 'answered' | 'abandoned' | 'exited' | 'in-progress';

export interface LedgerCall {
  readonly callId: string;
  readonly memberUuid: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line: string | undefined;
  readonly joined: number;
  readonly outcome: LedgerOutcome;
  readonly exitReason?: string;
  readonly waitSeconds?: number;
  readonly talkSeconds?: number;
  readonly agent?: string;
}

export interface FreeswitchCdrLedger {
  readonly calls: readonly LedgerCall[];
  readonly byQueue: Readonly<Record<string, LedgerCounts>>;
  readonly byLine: Readonly<Record<string, LedgerCounts>>;
  readonly centre: LedgerCounts;
}

export interface LedgerWindow {
  /** Whole epoch seconds, inclusive. */
  readonly joinedFrom: number;
  readonly joinedTo: number;
}

export function emptyCounts(): LedgerCounts {
  return {
    offered: 0,
    answered: 0,
    answeredWithin10s: 0,
    over5Minutes: 0,
    abandoned: 0,
    exited: {},
  };
}

export function buildFreeswitchCdrLedger(csv: string, window: LedgerWindow): FreeswitchCdrLedger {
  const rows = parseCsv(csv);
  const calls: LedgerCall[] = [];
  for (const row of rows) {
    if (row.cc_side !== 'member' || !row.cc_queue) continue;
    const joined = epoch(row.cc_queue_joined_epoch);
    if (joined === undefined || joined < window.joinedFrom || joined > window.joinedTo) continue;
    calls.push(toCall(row, joined));
  }
  calls.sort((a, b) => a.joined - b.joined || a.callId.localeCompare(b.callId));

  const byQueue: Record<string, LedgerCounts> = {};
  const byLine: Record<string, LedgerCounts> = {};
  for (const call of calls) {
    addVisit((byQueue[call.queue] ??= emptyCounts()), call);
    if (call.line) addVisit((byLine[call.line] ??= emptyCounts()), call);
  }
  return { calls, byQueue, byLine, centre: centreCounts(calls) };
}

function toCall(row: Record<string, string>, joined: number): LedgerCall {
  const answered = epoch(row.cc_queue_answered_epoch);
  const base = {
    callId: row.call_id || row.cc_member_uuid,
    memberUuid: row.cc_member_uuid,
    contactId: row.cc_member_session_uuid || row.uuid,
    queue: row.cc_queue,
    line: row.hotline || undefined,
    joined,
  };
  if (answered !== undefined) {
    const end = epoch(row.cc_queue_terminated_epoch) ?? epoch(row.end_epoch) ?? answered;
    return {
      ...base,
      outcome: 'answered',
      waitSeconds: answered - joined,
      talkSeconds: end - answered,
      agent: row.cc_agent,
    };
  }
  const left = epoch(row.cc_queue_canceled_epoch) ?? epoch(row.end_epoch);
  const waitSeconds = left !== undefined ? left - joined : undefined;
  if (row.cc_cancel_reason === 'BREAK_OUT') return { ...base, outcome: 'abandoned', waitSeconds };
  if (row.cc_cause === 'cancel' || row.cc_cancel_reason) {
    return {
      ...base,
      outcome: 'exited',
      exitReason: exitReason(row.cc_cancel_reason),
      waitSeconds,
    };
  }
  return { ...base, outcome: 'in-progress' };
}

function addVisit(counts: LedgerCounts, call: LedgerCall): void {
  counts.offered++;
  switch (call.outcome) {
    case 'answered':
      counts.answered++;
      if ((call.waitSeconds ?? Infinity) <= 10) counts.answeredWithin10s++;
      if ((call.talkSeconds ?? 0) > 300) counts.over5Minutes++;
      return;
    case 'abandoned':
      counts.abandoned++;
      return;
    case 'exited': {
      const reason = call.exitReason ?? 'other';
      counts.exited[reason] = (counts.exited[reason] ?? 0) + 1;
      return;
    }
    case 'in-progress':
      return;
  }
}

function centreCounts(calls: readonly LedgerCall[]): LedgerCounts {
  const contacts = new Map<string, LedgerCall[]>();
  for (const call of calls)
    contacts.set(call.contactId, [...(contacts.get(call.contactId) ?? []), call]);
  const counts = emptyCounts();
  for (const visits of contacts.values()) {
    counts.offered++;
    const firstJoin = visits[0].joined;
    const answered = visits.filter((v) => v.outcome === 'answered');
    if (answered.length > 0) {
      counts.answered++;
      const first = answered[0];
      if (first.joined + (first.waitSeconds ?? 0) - firstJoin <= 10) counts.answeredWithin10s++;
      if (answered.some((v) => (v.talkSeconds ?? 0) > 300)) counts.over5Minutes++;
      continue;
    }
    const last = visits[visits.length - 1];
    if (last.outcome === 'abandoned') counts.abandoned++;
    else if (last.outcome === 'exited') {
      const reason = last.exitReason ?? 'other';
      counts.exited[reason] = (counts.exited[reason] ?? 0) + 1;
    }
  }
  return counts;
}

function exitReason(cancelReason: string | undefined): string {
  switch (cancelReason) {
    case 'TIMEOUT':
      return 'timeout';
    case 'NO_AGENT_TIMEOUT':
      return 'leave-empty';
    case 'EXIT_WITH_KEY':
      return 'exit-key';
    case undefined:
    default:
      return 'other';
  }
}

function epoch(raw: string | undefined): number | undefined {
  if (!raw || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value > 0 ? value : undefined;
}

/** RFC 4180 CSV (mod_cdr_csv quotes every field and doubles embedded quotes); the first line names the columns. */
export function parseCsv(csv: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      record.push(field);
      field = '';
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...body] = records;
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}
