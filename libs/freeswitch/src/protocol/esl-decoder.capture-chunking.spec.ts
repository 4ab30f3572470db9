import { EslDecoder } from './esl-decoder';
import type { EslMessage } from './esl-message';
import { loadRawCapture, randomChunks, seededRandom } from '../testing/esl-capture.factory';

function fingerprint(messages: readonly EslMessage[]): string[] {
  return messages.map(
    (m) =>
      `${m.contentType}|${m.event?.name ?? ''}|${m.event?.get('Event-Sequence') ?? m.replyText ?? ''}|${m.body.length}`,
  );
}

describe(EslDecoder.name, () => {
  const raw = loadRawCapture();
  const whole = new EslDecoder().push(raw);

  it('decodes the whole real capture into the frames FreeSWITCH sent', () => {
    expect(whole[0].contentType).toBe('auth/request');
    expect(whole[1].replyText).toBe('+OK accepted');
    expect(whole[2].replyText).toBe('+OK event listener enabled plain');
    const callcenter = whole.filter((m) => m.event?.subclass === 'callcenter::info');
    // fs-run1.truth.json event_counts: 650 CUSTOM callcenter::info, 21 HEARTBEAT, 11047 frames in all.
    expect(callcenter).toHaveLength(650);
    expect(whole.filter((m) => m.event?.name === 'HEARTBEAT')).toHaveLength(21);
    expect(whole).toHaveLength(11047);
  });

  it('gives the same frames whatever the chunking (random chunks of 1–64 bytes, three seeds)', () => {
    const expected = fingerprint(whole);
    for (const seed of [1, 2, 3]) {
      const decoder = new EslDecoder();
      const messages: EslMessage[] = [];
      for (const chunk of randomChunks(raw, seededRandom(seed), 64))
        messages.push(...decoder.push(chunk));
      expect(fingerprint(messages)).toEqual(expected);
      expect(decoder.bufferedBytes).toBe(0);
    }
  });

  it('gives the same frames fed one byte at a time (first 400 kB of the capture)', () => {
    const prefix = raw.subarray(0, 400_000);
    const expected = fingerprint(new EslDecoder().push(prefix));
    const decoder = new EslDecoder();
    const messages: EslMessage[] = [];
    for (let i = 0; i < prefix.length; i++)
      messages.push(...decoder.push(prefix.subarray(i, i + 1)));
    expect(expected.length).toBeGreaterThan(100);
    expect(fingerprint(messages)).toEqual(expected);
  });

  it('percent-decodes event headers of the real capture', () => {
    const first = whole.find((m) => m.event?.get('CC-Action') === 'agent-status-change');
    expect(first?.event?.get('CC-Agent')).toBe('1001@default');
    expect(first?.event?.get('Event-Date-GMT')).toBe('Sun, 29 Nov 2026 02:20:52 GMT');
    expect(first?.event?.timestampMs).toBe(1795918852887);
  });

  it('keeps the inner body of a BACKGROUND_JOB event', () => {
    const job = whole.find((m) => m.event?.name === 'BACKGROUND_JOB');
    expect(job?.event?.body).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
  });
});
