/** One AMI message to send: headers in wire order (repeats allowed), and its PBX time. */
export interface AmiFrame {
  /** Simulated epoch ms (the Timestamp header when timestampevents=yes). */
  readonly at: number;
  readonly headers: readonly (readonly [string, string])[];
}

/**
 * Serializes headers as AMI does: `Name: value` lines, CRLF, a blank line at the end.
 * (Local copy until libs/asterisk/src/protocol exports encodeMessage.)
 */
export function encodeFrame(headers: readonly (readonly [string, string])[]): Buffer {
  let text = '';
  for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
  return Buffer.from(`${text}\r\n`, 'utf8');
}

/** Asterisk's Timestamp header: epoch seconds with microseconds. */
export function amiTimestamp(epochMs: number): string {
  return (epochMs / 1000).toFixed(6);
}
