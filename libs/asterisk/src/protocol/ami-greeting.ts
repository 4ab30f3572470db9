import { AMI_BANNER_PREFIX } from './ami-encoder';

/** More than this before the first line break: not an AMI greeting (Asterisk's is ~30 bytes). */
export const MAX_GREETING_BYTES = 512;
const EXCERPT_CHARS = 80;

export type AmiGreeting =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'asterisk'; readonly banner: string }
  | { readonly kind: 'foreign'; readonly excerpt: string };

/**
 * Reads the first line a server sent: Asterisk opens every AMI session with
 * `Asterisk Call Manager/<version>` (manager.c). Anything else — an SSH or SMTP banner, an HTTP
 * error page, binary — is another service on the configured port, and must not be sent the
 * credentials. `excerpt` is printable ASCII only, for the log.
 */
export function readAmiGreeting(received: Buffer): AmiGreeting {
  const lf = received.indexOf(0x0a);
  if (lf < 0) {
    return received.length > MAX_GREETING_BYTES
      ? { kind: 'foreign', excerpt: printable(received.subarray(0, EXCERPT_CHARS)) }
      : { kind: 'incomplete' };
  }
  const line = received.subarray(0, lf).toString('latin1').replace(/\r$/, '');
  if (line.startsWith(AMI_BANNER_PREFIX)) return { kind: 'asterisk', banner: line };
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
