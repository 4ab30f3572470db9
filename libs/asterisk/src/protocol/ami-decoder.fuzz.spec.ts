import fc from 'fast-check';
import { AmiDecoder } from './ami-decoder';
import { describeDecoded, loadCapture } from './testing/ami-capture';

/**
 * Property-based robustness of the decoder: whatever the bytes and however they are cut,
 * it never throws, never holds more than its cap, and gives the same output as when fed the
 * same bytes whole. Inputs are transcript excerpts mutated the ways a broken or hostile
 * peer would (flipped bytes, truncation, stray CR/LF/colons/NULs, endless lines), plus
 * token soups aimed at the state machine (banner, Follows, end marker, split UTF-8).
 * About 100k inputs in all, spread over the properties below.
 */
const CAPS = [64, 300, 1024, 4096] as const;
/** Fixed seeds: CI runs the same inputs every time; change one to explore new ones locally. */
const SEEDS = { mutatedExcerpts: 1201, tokenSoups: 1202, reset: 1203, endlessLines: 1204 };

function excerpts(): Buffer[] {
  const capture = loadCapture('run1');
  const pieces: Buffer[] = [capture.subarray(0, 1200)];
  // Whole-message-aligned excerpts from across the capture.
  for (let at = 40_000; at < capture.length && pieces.length < 60; at += 91_337) {
    const start = capture.indexOf('\r\n\r\n', at) + 4;
    pieces.push(capture.subarray(start, start + 200 + (at % 1300)));
  }
  pieces.push(
    Buffer.from(
      'Response: Follows\r\nPrivilege: Command\r\nActionID: 1\r\nline: one\n\nline two' +
        '--END COMMAND--\r\n\r\nEvent: Newchannel\r\nCallerIDName: 张小明\r\n\r\n',
    ),
  );
  return pieces;
}

const seeds = excerpts();

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'hugeLine'; at: number; length: number; newline: boolean };

const inserted = fc.constantFrom('\r', '\n', '\r\n', '\r\n\r\n', ':', ': ', '\0', '\n\n', '\r\r');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: inserted }),
  fc.record({
    kind: fc.constant('hugeLine' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 10_000 }),
    newline: fc.boolean(),
  }),
);

function mutate(input: Buffer, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(input);
  for (const change of mutations) {
    const at = bytes.length === 0 ? 0 : change.at % (bytes.length + 1);
    switch (change.kind) {
      case 'flip':
        if (at < bytes.length) bytes[at] = change.byte;
        break;
      case 'truncate':
        bytes = bytes.subarray(0, at);
        break;
      case 'insert':
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from(change.text, 'latin1'),
          bytes.subarray(at),
        ]);
        break;
      case 'hugeLine': {
        const line = Buffer.from(
          `X-Huge: ${'y'.repeat(change.length)}${change.newline ? '\r\n' : ''}`,
        );
        bytes = Buffer.concat([bytes.subarray(0, at), line, bytes.subarray(at)]);
        break;
      }
    }
  }
  return bytes;
}

const mutatedExcerpt = fc
  .tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 6 }))
  .map(([seed, mutations]) => mutate(seed, mutations));

const TOKENS = [
  'Asterisk Call Manager/11.0.0',
  'Event: Hangup',
  'Response: Follows',
  'Response: Success',
  'Privilege: Command',
  'ActionID: 7',
  '--END COMMAND--',
  'ChanVariable: HOTLINE=110',
  'Output: a: b',
  'no colon here',
  ':',
  ': ',
  '\r',
  '\n',
  '\r\n',
  '\r\n\r\n',
  '\0',
  ' ',
  '张',
  '😀',
];
const tokenSoup = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...TOKENS).map((token) => Buffer.from(token)) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes)) },
      { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xe5]), Buffer.from([0xbc, 0xa0])) },
    ),
    { maxLength: 80 },
  )
  .map((parts) => Buffer.concat(parts));

/** Cut points as sizes; most small (a byte or two), some large, some empty chunks. */
const chunkSizes = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5000 })), {
    minLength: 1,
    maxLength: 30,
  })
  .filter((sizes) => sizes.some((size) => size > 0));

function decodeWhole(input: Buffer, cap: number): string[] {
  return new AmiDecoder({ maxMessageBytes: cap }).push(input).map(describeDecoded);
}

/** Decodes in chunks, checking the memory bound after every push. */
function decodeChunked(input: Buffer, cap: number, sizes: readonly number[]): string[] {
  const decoder = new AmiDecoder({ maxMessageBytes: cap });
  const out: string[] = [];
  let at = 0;
  for (let i = 0; at < input.length; i++) {
    const size = sizes[i % sizes.length];
    for (const result of decoder.push(input.subarray(at, at + size)))
      out.push(describeDecoded(result));
    at += size;
    if (decoder.bufferedBytes > cap)
      throw new Error(`bufferedBytes ${decoder.bufferedBytes} > cap ${cap}`);
  }
  return out;
}

describe(AmiDecoder.name, () => {
  const cap = fc.constantFrom(...CAPS);

  it('gives the same output for any chunking of mutated transcript excerpts, within the cap', () => {
    fc.assert(
      fc.property(mutatedExcerpt, cap, chunkSizes, (input, max, sizes) => {
        expect(decodeChunked(input, max, sizes)).toEqual(decodeWhole(input, max));
      }),
      { numRuns: 45_000, seed: SEEDS.mutatedExcerpts },
    );
  });

  it('gives the same output for any chunking of token soups and random bytes', () => {
    fc.assert(
      fc.property(tokenSoup, cap, chunkSizes, (input, max, sizes) => {
        expect(decodeChunked(input, max, sizes)).toEqual(decodeWhole(input, max));
      }),
      { numRuns: 45_000, seed: SEEDS.tokenSoups },
    );
  });

  it('after reset() decodes like a fresh decoder, whatever half message came before', () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, mutatedExcerpt), mutatedExcerpt, cap, (stale, fresh, max) => {
        const decoder = new AmiDecoder({ maxMessageBytes: max });
        decoder.push(stale);
        decoder.reset();
        expect(decoder.bufferedBytes).toBe(0);
        expect(decoder.push(fresh).map(describeDecoded)).toEqual(decodeWhole(fresh, max));
      }),
      { numRuns: 10_000, seed: SEEDS.reset },
    );
  });

  it('holds no more than the cap for endless lines in any chunking', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.constantFrom(...CAPS),
        fc.integer({ min: 1, max: 9000 }),
        (length, max, chunk) => {
          const input = Buffer.alloc(length, 0x41);
          const results = decodeChunked(input, max, [chunk]);
          expect(results).toHaveLength(length > max ? 1 : 0);
        },
      ),
      { numRuns: 1_000, seed: SEEDS.endlessLines },
    );
  });
});
