import { EslProtocolError } from './esl-error';
import { parseHeaderLines } from './esl-header';
import { EslMessage } from './esl-message';

export interface EslDecoderOptions {
  /**
   * Largest header block or body accepted, in bytes. A stream that exceeds it is not ESL (or is
   * hostile) and is refused with `ESL_ERR_HEADER_TOO_LARGE` / `ESL_ERR_BODY_TOO_LARGE`.
   * `callcenter_config ... list` replies of a big centre are the largest legitimate frames.
   */
  readonly maxMessageBytes?: number;
}

export const DEFAULT_MAX_ESL_MESSAGE_BYTES = 8 * 1024 * 1024;

const LF = 0x0a;

/**
 * A pure ESL frame decoder: bytes in (any chunking), messages out; it never touches a socket.
 * A frame is a header block ended by a blank line, then `Content-Length` bytes of body if that
 * header is present (mod_event_socket.c). Bytes are kept as bytes until a frame is complete,
 * so a UTF-8 character split across chunks decodes correctly, and `Content-Length` counts
 * bytes as FreeSWITCH does.
 *
 * After an `EslProtocolError` the stream position is lost: discard the decoder and the connection.
 */
export class EslDecoder {
  private readonly maxMessageBytes: number;
  private buffer: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  /** Where the search for the blank line resumes, so bytes are scanned once. */
  private scanFrom = 0;
  private pendingHeaders: EslMessage['headers'] | undefined;
  private pendingBodyLength = 0;
  private failed: EslProtocolError | undefined;

  constructor(options: EslDecoderOptions = {}) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_ESL_MESSAGE_BYTES;
  }

  /** Feeds a chunk; returns every frame it completes, in order. */
  push(chunk: Uint8Array | string): EslMessage[] {
    if (this.failed) throw this.failed;
    this.append(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const messages: EslMessage[] = [];
    try {
      for (let message = this.next(); message; message = this.next()) messages.push(message);
    } catch (error) {
      if (error instanceof EslProtocolError) this.failed = error;
      throw error;
    }
    return messages;
  }

  /** Bytes received but not yet part of a complete frame. */
  get bufferedBytes(): number {
    return this.end - this.start;
  }

  private next(): EslMessage | undefined {
    if (this.pendingHeaders === undefined) {
      // Skip blank lines between frames (FreeSWITCH never sends them, but a tee or a test might).
      while (this.start < this.end && this.buffer[this.start] === LF) this.start++;
      if (this.scanFrom < this.start) this.scanFrom = this.start;
      const blank = this.findBlankLine();
      if (blank < 0) {
        if (this.end - this.start > this.maxMessageBytes) {
          throw new EslProtocolError(
            'ESL_ERR_HEADER_TOO_LARGE',
            `no end of header block within ${this.maxMessageBytes} bytes`,
          );
        }
        return undefined;
      }
      const block = this.buffer.toString('utf8', this.start, blank);
      this.start = blank + 2;
      this.scanFrom = this.start;
      const { headers, malformed } = parseHeaderLines(block, (raw) => raw);
      if (malformed.length > 0) {
        throw new EslProtocolError(
          'ESL_ERR_MALFORMED_HEADER',
          `not a header line: ${JSON.stringify(malformed[0].slice(0, 80))}`,
        );
      }
      const length = headers.find(([name]) => name === 'Content-Length')?.[1];
      if (length === undefined) return new EslMessage(headers);
      if (!/^\d+$/.test(length.trim())) {
        throw new EslProtocolError(
          'ESL_ERR_BAD_CONTENT_LENGTH',
          `Content-Length ${JSON.stringify(length)}`,
        );
      }
      const bodyLength = Number(length.trim());
      if (bodyLength > this.maxMessageBytes) {
        throw new EslProtocolError(
          'ESL_ERR_BODY_TOO_LARGE',
          `Content-Length ${bodyLength} exceeds ${this.maxMessageBytes} bytes`,
        );
      }
      this.pendingHeaders = headers;
      this.pendingBodyLength = bodyLength;
    }
    if (this.end - this.start < this.pendingBodyLength) return undefined;
    const body = this.buffer.toString('utf8', this.start, this.start + this.pendingBodyLength);
    this.start += this.pendingBodyLength;
    this.scanFrom = this.start;
    const message = new EslMessage(this.pendingHeaders, body);
    this.pendingHeaders = undefined;
    this.pendingBodyLength = 0;
    return message;
  }

  /** Index of the first `\n` of a `\n\n` pair at or after the frame start, or -1. */
  private findBlankLine(): number {
    let from = Math.max(this.scanFrom, this.start);
    for (;;) {
      const lf = this.buffer.indexOf(LF, from);
      if (lf < 0 || lf >= this.end) {
        // Resume one byte back: the next chunk may start with the second `\n`.
        this.scanFrom = Math.max(this.start, this.end - 1);
        return -1;
      }
      if (lf + 1 < this.end && this.buffer[lf + 1] === LF) return lf;
      if (lf + 1 >= this.end) {
        this.scanFrom = lf;
        return -1;
      }
      from = lf + 1;
    }
  }

  /** Appends into a growable buffer: amortised O(1) per byte even when fed one byte at a time. */
  private append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const live = this.end - this.start;
    if (this.end + chunk.length > this.buffer.length) {
      const needed = live + chunk.length;
      if (needed <= this.buffer.length && this.start >= this.buffer.length / 2) {
        this.buffer.copy(this.buffer, 0, this.start, this.end);
      } else {
        const grown = Buffer.allocUnsafe(Math.max(needed * 2, 4096));
        this.buffer.copy(grown, 0, this.start, this.end);
        this.buffer = grown;
      }
      this.scanFrom -= this.start;
      this.start = 0;
      this.end = live;
    }
    this.buffer.set(chunk, this.end);
    this.end += chunk.length;
  }
}
