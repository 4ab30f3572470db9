import { foreignGreeting, readGreetingLine } from '@hotline/call-events';

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
  const greeting = readGreetingLine(received);
  if (greeting.kind !== 'line') return greeting;
  const contentType = /^Content-Type:\s*(\S+)\s*$/i.exec(greeting.line)?.[1]?.toLowerCase();
  if (contentType === 'auth/request') return { kind: 'freeswitch' };
  if (contentType === 'text/rude-rejection') return { kind: 'rejected' };
  return foreignGreeting(greeting.line);
}
