import { AmiMessage, type AmiHeader } from './ami-message';
import { AmiErrorCode, AmiProtocolError } from './ami-protocol-error';

export type AmiDecoded =
  | { readonly ok: true; readonly message: AmiMessage }
  | { readonly ok: false; readonly error: AmiProtocolError };

export interface AmiDecoderOptions {
  /** Largest message (or unterminated line) kept in memory; larger ones are skipped. */
  readonly maxMessageBytes?: number;
}

export const AMI_BANNER_PREFIX = 'Asterisk Call Manager/';
const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const END_COMMAND = '--END COMMAND--';

type Mode = 'headers' | 'follows' | 'discard';

/**
 * The AMI wire format as a pure state machine: chunks in, messages out, no socket. Works on
 * bytes and decodes a line only once it is complete, so a UTF-8 character split across two
 * TCP reads (a Chinese caller name) decodes correctly, and a whole chunk is never re-scanned
 * or re-concatenated (asterisk-manager's string buffer is quadratic on large messages).
 * Memory is bounded by maxMessageBytes whatever the peer sends.
 */
export class AmiDecoder {
  private readonly maxMessageBytes: number;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /** Dropping the rest of an over-long line, up to its newline. */
  private skippingLine = false;
  private expectingBanner = true;
  private mode: Mode = 'headers';
  private headers: AmiHeader[] = [];
  private output: string[] = [];
  private outputEnded = false;
  private messageBytes = 0;
  private malformed: AmiProtocolError | undefined;

  constructor(options: AmiDecoderOptions = {}) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  get bufferedBytes(): number {
    return this.partialBytes + this.messageBytes;
  }

  /** Forgets any partial message, e.g. on a new connection, which starts with a banner again. */
  reset(): void {
    this.partial = [];
    this.partialBytes = 0;
    this.skippingLine = false;
    this.expectingBanner = true;
    this.startMessage();
  }

  push(chunk: Buffer | string): AmiDecoded[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const out: AmiDecoded[] = [];
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(LF, start);
      if (newline < 0) {
        this.keepPartial(bytes.subarray(start), out);
        return out;
      }
      if (this.skippingLine) {
        this.skippingLine = false;
        start = newline + 1;
        continue;
      }
      let end = newline;
      let line: Buffer = bytes;
      let from = start;
      if (this.partialBytes > 0) {
        this.partial.push(bytes.subarray(start, newline));
        line = Buffer.concat(this.partial);
        from = 0;
        end = line.length;
        this.partial = [];
        this.partialBytes = 0;
      }
      if (end > from && line[end - 1] === CR) end--;
      this.onLine(line.toString('utf8', from, end), end - from, out);
      start = newline + 1;
    }
  }

  private keepPartial(piece: Buffer, out: AmiDecoded[]): void {
    if (piece.length === 0 || this.skippingLine) return;
    if (this.messageBytes + this.partialBytes + piece.length > this.maxMessageBytes) {
      this.partial = [];
      this.partialBytes = 0;
      this.skippingLine = true;
      this.tooLarge(piece.toString('latin1', 0, 120), out);
      return;
    }
    // The socket hands us a fresh Buffer per read, so keeping a view of it is safe.
    this.partial.push(piece);
    this.partialBytes += piece.length;
  }

  private onLine(line: string, byteLength: number, out: AmiDecoded[]): void {
    if (this.expectingBanner) {
      this.expectingBanner = false;
      if (line.startsWith(AMI_BANNER_PREFIX)) {
        out.push({ ok: true, message: new AmiMessage([['Banner', line]]) });
        return;
      }
    }
    if (this.mode === 'discard') {
      if (line.length === 0) this.startMessage();
      return;
    }
    if (
      this.mode === 'follows' &&
      !this.outputEnded &&
      !(line.length > 0 && this.output.length === 0 && looksLikeHeader(line))
    ) {
      // `Response: Follows` (Asterisk < 13 command output): raw lines up to the end marker.
      if (line === END_COMMAND) this.outputEnded = true;
      else if (!this.add(byteLength, out)) return;
      else this.output.push(line);
      return;
    }
    if (line.length === 0) {
      this.finishMessage(out);
      return;
    }
    if (!this.add(byteLength, out)) return;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      this.malformed ??= new AmiProtocolError(
        AmiErrorCode.MalformedHeader,
        'a header line without "Name: value"; the message is skipped',
        AmiProtocolError.excerptOf(line),
      );
      return;
    }
    const name = line.slice(0, colon);
    const value =
      line.charCodeAt(colon + 1) === 0x20 ? line.slice(colon + 2) : line.slice(colon + 1);
    this.headers.push([name, value]);
    if (this.headers.length === 1 && name === 'Response' && value === 'Follows')
      this.mode = 'follows';
  }

  /** Counts a line towards the message size; false when the message just became too large. */
  private add(byteLength: number, out: AmiDecoded[]): boolean {
    this.messageBytes += byteLength + 2;
    if (this.messageBytes <= this.maxMessageBytes) return true;
    const first = this.headers[0];
    this.tooLarge(first ? `${first[0]}: ${first[1]}` : '', out);
    return false;
  }

  private tooLarge(excerpt: string, out: AmiDecoded[]): void {
    out.push({
      ok: false,
      error: new AmiProtocolError(
        AmiErrorCode.MessageTooLarge,
        `message larger than ${this.maxMessageBytes} bytes; skipped up to the next blank line`,
        AmiProtocolError.excerptOf(excerpt),
      ),
    });
    this.headers = [];
    this.output = [];
    this.messageBytes = 0;
    this.mode = 'discard';
  }

  private finishMessage(out: AmiDecoded[]): void {
    if (this.malformed) out.push({ ok: false, error: this.malformed });
    else if (this.headers.length > 0)
      out.push({ ok: true, message: new AmiMessage(this.headers, this.output) });
    this.startMessage();
  }

  private startMessage(): void {
    this.mode = 'headers';
    this.headers = [];
    this.output = [];
    this.outputEnded = false;
    this.messageBytes = 0;
    this.malformed = undefined;
  }
}

/** Headers that Asterisk puts between `Response: Follows` and the command output. */
function looksLikeHeader(line: string): boolean {
  return /^(ActionID|Privilege|Message): /i.test(line);
}
