import { switchUrlEncode } from './esl-url-encode';

export type EslHeaders = ReadonlyArray<readonly [string, string]>;

/** One event as the simulated FreeSWITCH fires it: simulated epoch ms and its ordered headers. */
export interface EslEventFrame {
  readonly at: number;
  /** Event-Name (CUSTOM for mod_callcenter). */
  readonly name: string;
  /** Event-Subclass, for CUSTOM events. */
  readonly subclass?: string;
  readonly headers: EslHeaders;
}

/** The greeting mod_event_socket sends on accept (inbound mode). */
export const ESL_AUTH_REQUEST = 'Content-Type: auth/request\n\n';

/**
 * What mod_event_socket sends before closing a session (`exit`, a refused password); the body is
 * FreeSWITCH 1.10's own text.
 */
export const ESL_DISCONNECT_NOTICE = disconnectNotice();

function disconnectNotice(): string {
  const body = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';
  return `Content-Type: text/disconnect-notice\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
}

export function commandReply(replyText: string, extra: EslHeaders = []): string {
  const lines = [
    'Content-Type: command/reply',
    `Reply-Text: ${replyText}`,
    ...extra.map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\n')}\n\n`;
}

export function apiResponse(body: string): string {
  return `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
}

/**
 * `text/event-plain`: an outer envelope (Content-Length, Content-Type) around the serialized
 * event — one `Name: url-encoded value` line per header, then a blank line (fs-run1 raw bytes).
 * The Content-Length counts the serialized event including that blank line.
 */
export function eventPlain(headers: EslHeaders, body = ''): Buffer {
  let inner = '';
  for (const [name, value] of headers) inner += `${name}: ${switchUrlEncode(value)}\n`;
  // An event with a body (BACKGROUND_JOB) carries its own Content-Length before the blank line.
  if (body !== '') inner += `Content-Length: ${Buffer.byteLength(body)}\n`;
  inner += `\n${body}`;
  const length = Buffer.byteLength(inner);
  return Buffer.from(`Content-Length: ${length}\nContent-Type: text/event-plain\n\n${inner}`);
}
