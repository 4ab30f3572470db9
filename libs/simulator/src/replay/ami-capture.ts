import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** One message of a recorded capture: receive time and the exact bytes (CRLF, blank line). */
export interface CapturedMessage {
  readonly receivedAt: number;
  readonly data: Buffer;
  readonly event?: string;
  readonly privilege?: string;
}

/**
 * Reads a `.ami` capture: each message preceded by `#rx <epoch ms> <ISO time>` (the banner
 * block is marked `banner`). Gzipped or plain. Responses (answers to the recorder's own
 * actions) and the banner are dropped: a replay serves only the events.
 */
export function readAmiCapture(path: string): CapturedMessage[] {
  let bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const text = bytes.toString('utf8');
  const messages: CapturedMessage[] = [];
  const marker = /^#rx (\d+) \S+( banner)?\r?\n/gm;
  const starts: { index: number; end: number; at: number; banner: boolean }[] = [];
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    starts.push({
      index: m.index,
      end: m.index + m[0].length,
      at: Number(m[1]),
      banner: m[2] !== undefined,
    });
  }
  starts.forEach((s, i) => {
    if (s.banner) return;
    const body = text.slice(s.end, i + 1 < starts.length ? starts[i + 1].index : text.length);
    const lines = body.split(/\r?\n/).filter((l) => l.length > 0);
    if (lines.length === 0) return;
    const first = lines[0];
    if (!first.startsWith('Event:')) return;
    const privilege = lines
      .find((l) => l.startsWith('Privilege:'))
      ?.slice(10)
      .trim();
    messages.push({
      receivedAt: s.at,
      data: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'),
      event: first.slice(6).trim(),
      privilege,
    });
  });
  return messages;
}
