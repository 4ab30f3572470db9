import type { AmiAction, AmiHeader } from './ami-message';
import { AmiErrorCode, AmiProtocolError } from './ami-protocol-error';

/** The greeting line Asterisk sends first on every AMI connection (manager.c). */
export const AMI_BANNER_PREFIX = 'Asterisk Call Manager/';

/**
 * One action on the wire: `Action`, then `ActionID`, then the action's headers in order,
 * then the blank line. A CR or LF inside a value would end the header early and let the
 * rest be read by Asterisk as headers of the sender's choosing (header injection:
 * asterisk-manager writes values as given), so it is refused, not escaped.
 */
export function encodeAction(action: AmiAction, actionId: string): Buffer {
  const headers: AmiHeader[] = [
    ['Action', action.action],
    ['ActionID', actionId],
  ];
  const extra = action.headers;
  if (isHeaderList(extra)) headers.push(...extra);
  else if (extra !== undefined) {
    for (const [name, value] of Object.entries(extra)) headers.push([name, String(value)]);
  }
  return encodeMessage(headers);
}

/** Any message, e.g. the PBX simulator's events and responses, with the same checks. */
export function encodeMessage(headers: readonly AmiHeader[]): Buffer {
  let text = '';
  for (const [name, value] of headers) {
    if (name.length === 0 || hasAmiLineBreak(name) || name.includes(':')) {
      throw new AmiProtocolError(
        AmiErrorCode.HeaderInjection,
        'AMI header name is empty or contains CR, LF or ":"',
        AmiProtocolError.excerptOf(JSON.stringify(name)),
      );
    }
    if (hasAmiLineBreak(value)) {
      throw new AmiProtocolError(
        AmiErrorCode.HeaderInjection,
        `CR/LF in the value of AMI header "${name}" refused`,
        AmiProtocolError.excerptOf(JSON.stringify(value)),
      );
    }
    text += `${name}: ${value}\r\n`;
  }
  return Buffer.from(`${text}\r\n`, 'utf8');
}

function isHeaderList(headers: AmiAction['headers']): headers is readonly AmiHeader[] {
  return Array.isArray(headers);
}

/** A CR or LF would end an AMI header early (header injection); values with one are refused. */
export function hasAmiLineBreak(text: string): boolean {
  return text.includes('\r') || text.includes('\n');
}
