/** More than this before the first line break: not an ESL greeting (FreeSWITCH's is 26 bytes). */
export const MAX_ESL_GREETING_BYTES = 512;
const EXCERPT_CHARS = 80;

export type EslGreeting =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'freeswitch' }
  /** FreeSWITCH itself, refusing this client's address (apply-inbound-acl). */
  | { readonly kind: 'rejected' }
  | { readonly kind: 'foreign'; readonly excerpt: string };

/**
 * Reads the first line a server sent. mod_event_socket opens every inbound session with
 * `Content-Type: auth/request` (or `text/rude-rejection` when its ACL refuses the peer).
 * Anything else is another service on the configured port, and must not get the password.
 */
export function readEslGreeting(received: Buffer): EslGreeting {
  const lf = received.indexOf(0x0a);
  if (lf < 0) {
    return received.length > MAX_ESL_GREETING_BYTES
      ? { kind: 'foreign', excerpt: printable(received.subarray(0, EXCERPT_CHARS)) }
      : { kind: 'incomplete' };
  }
  const line = received.subarray(0, lf).toString('latin1').replace(/\r$/, '');
  const contentType = /^Content-Type:\s*(\S+)\s*$/i.exec(line)?.[1]?.toLowerCase();
  if (contentType === 'auth/request') return { kind: 'freeswitch' };
  if (contentType === 'text/rude-rejection') return { kind: 'rejected' };
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
