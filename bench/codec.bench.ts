/**
 * AMI codec throughput: our AmiDecoder vs asterisk-manager's parser vs a plain CRLF splitter,
 * on the same bytes (the run2 capture repeated to ~20 MB, 64 KiB socket-sized chunks) in the
 * same process; warm-up, then the median of interleaved rounds.
 *   npx ts-node -r tsconfig-paths/register bench/codec.bench.ts
 * Exits non-zero unless ours is ≥ 2× asterisk-manager and the plain splitter ≤ 2× ours.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { gunzipSync } from 'node:zlib';
import { AmiDecoder } from '../libs/asterisk/src/protocol/ami-decoder';
import { AsteriskManagerReferenceParser } from '../libs/asterisk/src/protocol/testing/asterisk-manager-reference-parser';

const FIXTURE = join(__dirname, '..', 'test', 'fixtures', 'asterisk', 'run2', 'run2.ami.raw.gz');
/** The run2 capture repeated up to ~20 MB: long enough for steady state, short enough to run often. */
const MIN_INPUT_BYTES = 20 * 1000 * 1000;
const CHUNK_BYTES = 64 * 1024;
const ROUNDS = 5;
/**
 * asterisk-manager re-concatenates and re-shifts every pending line of a message per chunk;
 * past ~1 MiB V8's Array#shift leaves its fast path and a 4 MiB message took it ~40 s here.
 */
const LARGE_MESSAGE_SIZES = [1024 * 1024, 2 * 1024 * 1024] as const;
const REQUIRED_VS_ASTERISK_MANAGER = 2;
const ALLOWED_PLAIN_VS_OURS = 2;

export interface CodecBenchFigures {
  readonly inputBytes: number;
  readonly events: number;
  /** Median of ROUNDS (after a warm-up round), events per second. */
  readonly oursEventsPerSec: number;
  readonly asteriskManagerEventsPerSec: number;
  readonly plainSplitterEventsPerSec: number;
  /** ours / asterisk-manager: must be ≥ 2. */
  readonly oursVsAsteriskManager: number;
  /** plain splitter / ours: must be ≤ 2. */
  readonly plainVsOurs: number;
  /** One large message (a long command output) in 16 KiB chunks: milliseconds per size. */
  readonly largeMessageMs: readonly {
    readonly bytes: number;
    readonly ours: number;
    readonly asteriskManager: number;
  }[];
  readonly passed: boolean;
}

type EventCounter = (chunks: readonly Buffer[]) => number;

const countOurs: EventCounter = (chunks) => {
  const decoder = new AmiDecoder({ maxMessageBytes: 8 * 1024 * 1024 });
  let events = 0;
  for (const chunk of chunks) {
    for (const decoded of decoder.push(chunk)) {
      if (decoded.ok && decoded.message.headers[0][0] === 'Event') events++;
    }
  }
  return events;
};

const countAsteriskManager: EventCounter = (chunks) => {
  const parser = new AsteriskManagerReferenceParser();
  let events = 0;
  for (const chunk of chunks) {
    for (const item of parser.push(chunk)) if (item.event !== undefined) events++;
  }
  return events;
};

/** The least a parser must do: split on "\r\n\r\n", then "\r\n", then ": ". */
const countPlainSplitter: EventCounter = (chunks) => {
  const text = new StringDecoder('utf8');
  let pending = '';
  let events = 0;
  for (const chunk of chunks) {
    const messages = (pending + text.write(chunk)).split('\r\n\r\n');
    pending = messages.pop() ?? '';
    for (const message of messages) {
      const headers: [string, string][] = [];
      for (const line of message.split('\r\n')) {
        const at = line.indexOf(': ');
        headers.push(at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 2)]);
      }
      if (headers[0][0] === 'Event') events++;
    }
  }
  return events;
};

function chunked(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/**
 * The capture, then copies of it without the banner (a banner only opens a connection), cut
 * at the first message end past MIN_INPUT_BYTES so every parser sees whole messages only.
 */
function benchInput(): Buffer {
  const capture = gunzipSync(readFileSync(FIXTURE));
  const body = capture.subarray(capture.indexOf('\n') + 1);
  const copies = [capture];
  let size = capture.length;
  while (size < MIN_INPUT_BYTES) {
    copies.push(body);
    size += body.length;
  }
  const input = Buffer.concat(copies);
  const messageEnd = input.indexOf('\r\n\r\n', MIN_INPUT_BYTES);
  return messageEnd < 0 ? input : input.subarray(0, messageEnd + 4);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timed(run: () => number): { ms: number; result: number } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

/** One message of about `bytes` of command output, as Asterisk < 13 sends `Response: Follows`. */
function largeMessage(bytes: number): Buffer {
  const line = 'Local/s@callers-00000000;1  callers  s  1 Up  Wait(7200)  0000123456\n';
  const lines = Math.ceil(bytes / line.length);
  return Buffer.from(
    `Response: Follows\r\nPrivilege: Command\r\n${line.repeat(lines)}--END COMMAND--\r\n\r\n`,
  );
}

export function runCodecBench(): CodecBenchFigures {
  const input = benchInput();
  const chunks = chunked(input, CHUNK_BYTES);
  const counters = {
    ours: countOurs,
    asteriskManager: countAsteriskManager,
    plain: countPlainSplitter,
  } as const;
  const times: Record<keyof typeof counters, number[]> = {
    ours: [],
    asteriskManager: [],
    plain: [],
  };
  const events = { ours: 0, asteriskManager: 0, plain: 0 };
  for (const name of Object.keys(counters) as (keyof typeof counters)[]) counters[name](chunks);
  // Warm-up above, then interleaved rounds, median of each: the box is shared, so one slow
  // round is noise, and interleaving spreads that noise evenly over the three parsers.
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(counters) as (keyof typeof counters)[]) {
      const { ms, result } = timed(() => counters[name](chunks));
      times[name].push(ms);
      events[name] = result;
    }
  }
  if (events.ours !== events.asteriskManager || events.ours !== events.plain) {
    throw new Error(`parsers disagree on the event count: ${JSON.stringify(events)}`);
  }
  const perSec = (ms: number): number => Math.round((events.ours / ms) * 1000);
  const oursEventsPerSec = perSec(median(times.ours));
  const asteriskManagerEventsPerSec = perSec(median(times.asteriskManager));
  const plainSplitterEventsPerSec = perSec(median(times.plain));

  const largeMessageMs = LARGE_MESSAGE_SIZES.map((bytes) => {
    const large = chunked(largeMessage(bytes), 16 * 1024);
    return {
      bytes,
      ours: Math.round(timed(() => countOurs(large)).ms),
      asteriskManager: Math.round(timed(() => countAsteriskManager(large)).ms),
    };
  });

  const oursVsAsteriskManager = oursEventsPerSec / asteriskManagerEventsPerSec;
  const plainVsOurs = plainSplitterEventsPerSec / oursEventsPerSec;
  return {
    inputBytes: input.length,
    events: events.ours,
    oursEventsPerSec,
    asteriskManagerEventsPerSec,
    plainSplitterEventsPerSec,
    oursVsAsteriskManager,
    plainVsOurs,
    largeMessageMs,
    passed:
      oursVsAsteriskManager >= REQUIRED_VS_ASTERISK_MANAGER && plainVsOurs <= ALLOWED_PLAIN_VS_OURS,
  };
}

export function printCodecBench(figures: CodecBenchFigures): void {
  const mib = (figures.inputBytes / 1024 / 1024).toFixed(1);
  console.log(
    `AMI codec — ${mib} MiB, ${figures.events} events, ${CHUNK_BYTES / 1024} KiB chunks, median of ${ROUNDS} rounds after a warm-up`,
  );
  console.table({
    'AmiDecoder (ours)': { 'events/s': figures.oursEventsPerSec },
    'asterisk-manager 0.2.0 parser': { 'events/s': figures.asteriskManagerEventsPerSec },
    'plain CRLF splitter': { 'events/s': figures.plainSplitterEventsPerSec },
  });
  console.log(
    `ours / asterisk-manager = ${figures.oursVsAsteriskManager.toFixed(2)} (need ≥ ${REQUIRED_VS_ASTERISK_MANAGER})`,
  );
  console.log(
    `plain / ours            = ${figures.plainVsOurs.toFixed(2)} (need ≤ ${ALLOWED_PLAIN_VS_OURS})`,
  );
  for (const { bytes, ours, asteriskManager } of figures.largeMessageMs) {
    console.log(
      `one ${bytes / 1024 / 1024} MiB message in 16 KiB chunks: ours ${ours} ms, asterisk-manager ${asteriskManager} ms`,
    );
  }
  console.log(figures.passed ? 'codec bench: PASS' : 'codec bench: FAIL');
}

if (require.main === module) {
  const figures = runCodecBench();
  printCodecBench(figures);
  if (!figures.passed) process.exitCode = 1;
}
