import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { AmiDecoded, AmiDecoder } from '../ami-decoder';

/** The exact AMI bytes of a recorded run (test/fixtures/asterisk/runN/runN.ami.raw.gz). */
export function loadCapture(run: 'run1' | 'run2'): Buffer {
  const file = join(__dirname, '../../../../../test/fixtures/asterisk', run, `${run}.ami.raw.gz`);
  return gunzipSync(readFileSync(file));
}

/** Feeds `input` in pieces of the given sizes (cycled), returning everything decoded. */
export function decodeInChunks(
  decoder: AmiDecoder,
  input: Buffer,
  sizes: readonly number[],
): AmiDecoded[] {
  const decoded: AmiDecoded[] = [];
  let at = 0;
  for (let i = 0; at < input.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]);
    for (const result of decoder.push(input.subarray(at, at + size))) decoded.push(result);
    at += size;
  }
  return decoded;
}

/** A comparable, compact form of one result: headers, output, or error code and detail. */
export function describeDecoded(result: AmiDecoded): string {
  return result.ok
    ? JSON.stringify([result.message.headers, result.message.output])
    : JSON.stringify([result.error.code, result.error.detail]);
}

/** One digest of a whole decode, for comparing tens of thousands of messages at once. */
export function digestOf(results: readonly AmiDecoded[]): string {
  const hash = createHash('sha256');
  for (const result of results) hash.update(describeDecoded(result)).update('\n');
  return hash.digest('hex');
}
