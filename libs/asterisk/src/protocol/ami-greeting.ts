import { foreignGreeting, readGreetingLine } from '@hotline/call-events';
import { AMI_BANNER_PREFIX } from './ami-encoder';

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
  const greeting = readGreetingLine(received);
  if (greeting.kind !== 'line') return greeting;
  if (greeting.line.startsWith(AMI_BANNER_PREFIX))
    return { kind: 'asterisk', banner: greeting.line };
  return foreignGreeting(greeting.line);
}
