import { validate } from '@hotline/validation';
import { clientMessageSchema, type ClientMessage, type PushErrorCode } from './push-protocol';

export type ParsedClientMessage =
  | { readonly ok: true; readonly message: ClientMessage }
  | {
      readonly ok: false;
      readonly code: Extract<PushErrorCode, 'BAD_JSON' | 'BAD_MESSAGE'>;
      readonly message: string;
      readonly issues?: string[];
    };

/** Text frame → validated client message, or the reason it is not one. */
export function parseClientMessage(raw: string): ParsedClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'BAD_JSON', message: 'message is not valid JSON' };
  }
  const parsed = validate(clientMessageSchema, json, 'message');
  if (!parsed.ok) {
    return {
      ok: false,
      code: 'BAD_MESSAGE',
      message: 'message does not match the protocol (docs/websocket-api.md)',
      issues: parsed.problems.slice(0, 10),
    };
  }
  return { ok: true, message: parsed.data };
}
