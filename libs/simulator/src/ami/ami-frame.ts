import { encodeMessage } from '@hotline/asterisk/protocol';

/** One AMI message to send: headers in wire order (repeats allowed), and its PBX time. */
export interface AmiFrame {
  /** Simulated epoch ms (the Timestamp header when timestampevents=yes). */
  readonly at: number;
  readonly headers: readonly (readonly [string, string])[];
}

/**
 * Serializes headers as AMI does (`Name: value` lines, CRLF, a blank line at the end) with
 * the project's codec, which also refuses CR/LF inside a value (header injection).
 */
export function encodeFrame(headers: readonly (readonly [string, string])[]): Buffer {
  return encodeMessage(headers);
}

/** Asterisk's Timestamp header: epoch seconds with microseconds. */
export function amiTimestamp(epochMs: number): string {
  return (epochMs / 1000).toFixed(6);
}
