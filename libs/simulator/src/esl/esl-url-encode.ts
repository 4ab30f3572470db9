/**
 * FreeSWITCH's switch_url_encode (switch_utils.c), which switch_event_serialize applies to every
 * header value of a `text/event-plain` event: bytes outside printable ASCII and the characters
 * of `urlunsafe` become `%XX` (upper-case hex); everything else — `,` `'` `/` `~` `(` `!` — stays.
 * Seen in fs-run1: `Sun,%2029%20Nov`, `1001%40default`, `agent%20set%20status%20…'Available'`.
 */
const URL_UNSAFE = new Set(Buffer.from('\r\n "#%&+:;<=>?@[\\]^`{|}', 'latin1'));

export function switchUrlEncode(value: string): string {
  if (/^[A-Za-z0-9._\-/]*$/.test(value)) return value;
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte < 32 || byte > 126 || URL_UNSAFE.has(byte))
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}
