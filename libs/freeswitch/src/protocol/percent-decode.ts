/**
 * FreeSWITCH percent-encodes every value of a `text/event-plain` event (switch_event_serialize
 * calls switch_url_encode), UTF-8 bytes included: `CC-Agent: 1001%40default`,
 * `Event-Date-Local: 2026-11-29%2002%3A20%3A52`. A `+` stays a literal plus (spaces are `%20`).
 * A malformed escape (a lone `%`, `%ZZ`, a broken UTF-8 sequence) is kept as written rather than
 * throwing, because one odd caller name must not stop the event stream.
 */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return tolerantPercentDecode(value);
  }
}

function tolerantPercentDecode(value: string): string {
  const bytes: number[] = [];
  const raw = Buffer.from(value, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (byte === 0x25 && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
      bytes.push(parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
      i += 2;
    } else {
      bytes.push(byte);
    }
  }
  // TextDecoder without `fatal` replaces invalid UTF-8 with U+FFFD instead of throwing.
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x46) ||
      (byte >= 0x61 && byte <= 0x66))
  );
}
