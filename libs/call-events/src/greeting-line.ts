/**
 * More than this before the first line break: not a PBX's greeting (Asterisk's AMI banner is
 * ~30 bytes, FreeSWITCH's `Content-Type: auth/request` 26).
 */
export const MAX_GREETING_BYTES = 512;
const EXCERPT_CHARS = 80;

export type GreetingLine =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'line'; readonly line: string }
  | { readonly kind: 'foreign'; readonly excerpt: string };

/**
 * The first line a PBX link's server sent (latin1, CR stripped), for the AMI and the ESL client
 * to recognise their PBX before sending it credentials; `foreign` (with a printable excerpt for
 * the log) when too much arrived without a line break, `incomplete` until the line is whole.
 */
export function readGreetingLine(received: Buffer): GreetingLine {
  const lf = received.indexOf(0x0a);
  if (lf < 0) {
    return received.length > MAX_GREETING_BYTES
      ? { kind: 'foreign', excerpt: printable(received.subarray(0, EXCERPT_CHARS)) }
      : { kind: 'incomplete' };
  }
  return { kind: 'line', line: received.subarray(0, lf).toString('latin1').replace(/\r$/, '') };
}

/** A greeting line that is not the PBX's, as printable ASCII only, for the log. */
export function foreignGreeting(line: string): {
  readonly kind: 'foreign';
  readonly excerpt: string;
} {
  return {
    kind: 'foreign',
    excerpt: printable(Buffer.from(line.slice(0, EXCERPT_CHARS), 'latin1')),
  };
}

function printable(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
  return text;
}
