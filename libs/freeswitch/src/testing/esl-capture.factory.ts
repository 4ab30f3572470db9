import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'freeswitch');

/** The exact bytes read from a real FreeSWITCH 1.10.12 Event Socket (see test/fixtures/freeswitch/README.md). */
export function loadRawCapture(run = 'fs-run1'): Buffer {
  return gunzipSync(readFileSync(join(FIXTURES, `${run}.esl.raw.gz`)));
}

export function fixturePath(file: string): string {
  return join(FIXTURES, file);
}

/** Deterministic PRNG (mulberry32) so a failing chunking can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits bytes into chunks of 1..maxChunk bytes chosen by `random`. */
export function* randomChunks(
  bytes: Uint8Array,
  random: () => number,
  maxChunk: number,
): Generator<Uint8Array> {
  let offset = 0;
  while (offset < bytes.length) {
    const size = 1 + Math.floor(random() * maxChunk);
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

/** One ESL frame as FreeSWITCH writes it: headers, blank line, body counted in bytes. */
export function eslFrame(headers: Record<string, string>, body = ''): Buffer {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  const bodyBytes = Buffer.from(body, 'utf8');
  if (bodyBytes.length > 0) lines.unshift(`Content-Length: ${bodyBytes.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n\n`, 'utf8'), bodyBytes]);
}

/** A `text/event-plain` frame whose body is the percent-encoded header block FreeSWITCH sends. */
export function eventPlainFrame(headers: Record<string, string>, eventBody = ''): Buffer {
  const lines = Object.entries(headers).map(
    ([name, value]) => `${name}: ${encodeURIComponent(value)}`,
  );
  const bodyBytes = Buffer.from(eventBody, 'utf8');
  if (bodyBytes.length > 0) lines.push(`Content-Length: ${bodyBytes.length}`);
  const inner = `${lines.join('\n')}\n\n${eventBody}`;
  return eslFrame({ 'Content-Type': 'text/event-plain' }, inner);
}
