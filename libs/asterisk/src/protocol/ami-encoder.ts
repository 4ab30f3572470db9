import type { AmiAction, AmiHeader } from './ami-message';
import { AmiErrorCode, AmiProtocolError } from './ami-protocol-error';

/**
 * One action on the wire. A CR or LF inside a value would end the header early and let the
 * rest be read as headers of our choosing (header injection), so it is refused, not escaped.
 */
export function encodeAction(action: AmiAction, actionId: string): Buffer {
  const headers: AmiHeader[] = [
    ['Action', action.action],
    ['ActionID', actionId],
  ];
  const extra = action.headers ?? [];
  if (Array.isArray(extra)) headers.push(...(extra as readonly AmiHeader[]));
  else for (const [name, value] of Object.entries(extra)) headers.push([name, String(value)]);
  return encodeMessage(headers);
}

/** Any message (the simulator's events and responses too), with the same checks. */
export function encodeMessage(headers: readonly AmiHeader[]): Buffer {
  let text = '';
  for (const [name, value] of headers) {
    if (name.length === 0 || /[\r\n:]/.test(name)) {
      throw new AmiProtocolError(
        AmiErrorCode.HeaderInjection,
        `invalid AMI header name`,
        AmiProtocolError.excerptOf(JSON.stringify(name)),
      );
    }
    if (/[\r\n]/.test(value)) {
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
