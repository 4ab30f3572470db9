import { AMI_BANNER_PREFIX } from './ami-encoder';
import { AmiMessage, type AmiHeader } from './ami-message';
import { AmiErrorCode, AmiProtocolError } from './ami-protocol-error';

export type AmiDecoded =
  | { readonly ok: true; readonly message: AmiMessage }
  | { readonly ok: false; readonly error: AmiProtocolError };

export interface AmiDecoderOptions {
  /**
   * Largest message kept in memory, counted as the bytes of its lines without line ends
   * (default 256 KiB). A larger message, or a line that never ends, is reported once as
   * `AMI_ERR_MESSAGE_TOO_LARGE` and skipped up to the next blank line.
   */
  readonly maxMessageBytes?: number;
}

const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const CR_BYTE = Buffer.from([CR]);
const EXCERPT_BYTES = 120;
/**
 * Asterisk < 13 `Command` action (manager.c action_command): "Response: Follows\r\n
 * Privilege: Command\r\n[ActionID: x\r\n]" then the raw CLI output, then this marker and a
 * blank line. The output does not always end with a newline, so the marker can trail text.
 */
const END_COMMAND = '--END COMMAND--';
/** The headers Asterisk writes between `Response: Follows` and the command output. */
const FOLLOWS_HEADER = /^(?:Privilege|ActionID|Message):/i;

/** Header lines of an ordinary message. */
const HEADERS = 0;
/** After `Response: Follows`, before the first output line. */
const FOLLOWS_HEADERS = 1;
/** Command output lines up to `--END COMMAND--`; blank lines belong to the output. */
const OUTPUT = 2;
/** Skipping an oversized message up to the next blank line; nothing is kept. */
const DISCARD = 3;
type DecoderState = typeof HEADERS | typeof FOLLOWS_HEADERS | typeof OUTPUT | typeof DISCARD;

/**
 * The AMI wire format as a pure state machine: chunks in, messages out, no socket (like ws
 * `lib/receiver.js`). It works on bytes and decodes only complete lines, so a UTF-8 character
 * split across two TCP reads (a Chinese caller name) decodes correctly, and a chunk is
 * scanned once with `Buffer.indexOf` — never concatenated to the previous ones (the string
 * buffer of asterisk-manager makes it slow on large messages). Memory is bounded by
 * `maxMessageBytes` whatever the peer sends, and the output is the same for any chunking.
 */
export class AmiDecoder {
  private readonly maxMessageBytes: number;
  private expectingBanner = true;
  private state: DecoderState = HEADERS;
  /** Bytes of the current, unfinished line (without a trailing CR, see `pendingCr`). */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /**
   * The unfinished line ended with CR. Whether that CR ends the line (CRLF) or belongs to
   * it is known only with the next byte, so it is held as a flag, not as buffered content.
   */
  private pendingCr = false;
  /** In DISCARD: raw bytes seen of the current line, to tell whether it is the blank one. */
  private discardLineBytes = 0;
  private discardLineStartsWithCr = false;
  private headers: AmiHeader[] = [];
  private output: string[] = [];
  /** Content bytes of the current message's lines so far. */
  private messageBytes = 0;
  private firstLine: string | undefined;
  private malformed: AmiProtocolError | undefined;

  constructor(options: AmiDecoderOptions = {}) {
    const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`maxMessageBytes must be a positive integer, got ${max}`);
    }
    this.maxMessageBytes = max;
  }

  /** Bytes held for the unfinished message and line; never more than `maxMessageBytes`. */
  get bufferedBytes(): number {
    return this.messageBytes + this.partialBytes;
  }

  /**
   * Forgets any partial message. Call it when a new connection starts, so a half message
   * from the dropped one never merges into the first message of the next; that connection
   * starts with a banner again.
   */
  reset(): void {
    this.expectingBanner = true;
    this.clearPartial();
    this.startMessage();
  }

  /** Feeds one chunk; returns the messages (and errors) it completes, in wire order. */
  push(chunk: Buffer | string): AmiDecoded[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const out: AmiDecoded[] = [];
    const end = bytes.length;
    if (end === 0) return out;
    let start = 0;
    if (this.partialBytes > 0 || this.pendingCr || this.discardLineBytes > 0) {
      const newline = bytes.indexOf(LF);
      if (newline < 0) {
        this.keepPartial(bytes, 0, end, out);
        return out;
      }
      this.finishPartialLine(bytes, newline, out);
      start = newline + 1;
    }
    const lastNewline = bytes.lastIndexOf(LF);
    if (lastNewline >= start) {
      this.decodeLines(bytes, start, lastNewline, out);
      start = lastNewline + 1;
    }
    if (start < end) this.keepPartial(bytes, start, end, out);
    return out;
  }

  /** Complete lines `bytes[start..lastNewline]`, the last one ending at `lastNewline`. */
  private decodeLines(bytes: Buffer, start: number, lastNewline: number, out: AmiDecoded[]): void {
    // One native decode for the whole run of lines, then plain string slicing: far fewer
    // calls than decoding line by line. A run that is all ASCII has one char per byte, so
    // string offsets are byte offsets; otherwise each line is decoded on its own (a UTF-8
    // decode never yields more UTF-16 units than bytes, so equal lengths mean ASCII — or
    // invalid bytes, each one U+FFFD, which keeps the same one-to-one property).
    const text = bytes.toString('utf8', start, lastNewline + 1);
    if (text.length === lastNewline + 1 - start) {
      let from = 0;
      for (;;) {
        const newline = text.indexOf('\n', from);
        if (newline < 0) return;
        let to = newline;
        if (to > from && text.charCodeAt(to - 1) === CR) to--;
        this.onLine(to === from ? '' : text.slice(from, to), to - from, bytes, start + from, out);
        from = newline + 1;
      }
    }
    let from = start;
    while (from <= lastNewline) {
      const newline = bytes.indexOf(LF, from);
      let to = newline;
      if (to > from && bytes[to - 1] === CR) to--;
      this.onLine(bytes.toString('utf8', from, to), to - from, bytes, from, out);
      from = newline + 1;
    }
  }

  /** Ends the line held in `partial` with `bytes[0..newline)`. */
  private finishPartialLine(bytes: Buffer, newline: number, out: AmiDecoded[]): void {
    if (this.state === DISCARD) {
      // Only reached with discardLineBytes > 0: blank means the line was a lone CR.
      const blank = newline === 0 && this.discardLineBytes === 1 && this.discardLineStartsWithCr;
      this.discardLineBytes = 0;
      this.discardLineStartsWithCr = false;
      if (blank) this.startMessage();
      return;
    }
    const pieces = this.partial;
    if (this.pendingCr && newline > 0) pieces.push(CR_BYTE);
    let to = newline;
    if (to > 0 && bytes[to - 1] === CR) to--;
    if (to > 0) pieces.push(bytes.subarray(0, to));
    const line = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
    this.clearPartial();
    this.onLine(line.toString('utf8'), line.length, line, 0, out);
  }

  /** Holds the start of a line until its newline arrives, within the size cap. */
  private keepPartial(bytes: Buffer, start: number, end: number, out: AmiDecoded[]): void {
    if (this.state === DISCARD) {
      if (this.discardLineBytes === 0 && bytes[start] === CR) this.discardLineStartsWithCr = true;
      this.discardLineBytes += end - start;
      return;
    }
    if (this.pendingCr) {
      // More bytes after the CR: it was part of the line, not its end.
      this.partial.push(CR_BYTE);
      this.partialBytes += 1;
      this.pendingCr = false;
    }
    let to = end;
    if (bytes[to - 1] === CR) {
      this.pendingCr = true;
      to--;
    }
    if (to > start) {
      // A copy, so the caller's (possibly large, possibly reused) chunk is not retained.
      this.partial.push(Buffer.from(bytes.subarray(start, to)));
      this.partialBytes += to - start;
    }
    if (this.messageBytes + this.partialBytes > this.maxMessageBytes) {
      const line = Buffer.concat(this.partial);
      this.clearPartial();
      this.tooLarge(line, 0, out);
      // The rest of this line is skipped with the message; it is not the blank line.
      this.discardLineBytes = 2;
    }
  }

  /**
   * One complete line without its line end; `byteLength` is its size in bytes, and
   * `raw[rawStart..]` its bytes (only read to quote an oversized line).
   */
  private onLine(
    line: string,
    byteLength: number,
    raw: Buffer,
    rawStart: number,
    out: AmiDecoded[],
  ): void {
    if (this.state === DISCARD) {
      if (byteLength === 0) this.startMessage();
      return;
    }
    if (byteLength === 0) {
      if (this.state !== OUTPUT) {
        this.finishMessage(out);
        return;
      }
      // A blank line inside command output costs a byte, so endless blank lines hit the cap.
      if (this.messageBytes + 1 > this.maxMessageBytes) {
        this.tooLarge(raw, rawStart, out);
        return;
      }
      this.messageBytes += 1;
      this.output.push('');
      return;
    }
    if (this.messageBytes + byteLength > this.maxMessageBytes) {
      this.tooLarge(raw, rawStart, out);
      return;
    }
    if (this.messageBytes === 0) this.firstLine = line;
    this.messageBytes += byteLength;

    if (this.expectingBanner) {
      this.expectingBanner = false;
      // "Asterisk Call Manager/x.y.z\r\n" is sent alone, without a blank line after it.
      if (line.startsWith(AMI_BANNER_PREFIX)) {
        out.push({ ok: true, message: new AmiMessage([['Banner', line]]) });
        this.startMessage();
        return;
      }
    }
    if (this.state === FOLLOWS_HEADERS) {
      if (FOLLOWS_HEADER.test(line)) {
        this.addHeader(line);
        return;
      }
      this.state = OUTPUT;
    }
    if (this.state === OUTPUT) {
      if (line.endsWith(END_COMMAND)) {
        if (line.length > END_COMMAND.length) {
          this.output.push(line.slice(0, line.length - END_COMMAND.length));
        }
        this.state = HEADERS;
      } else {
        this.output.push(line);
      }
      return;
    }
    this.addHeader(line);
    if (
      this.headers.length === 1 &&
      this.headers[0][0].toLowerCase() === 'response' &&
      this.headers[0][1].toLowerCase() === 'follows'
    ) {
      this.state = FOLLOWS_HEADERS;
    }
  }

  private addHeader(line: string): void {
    // Asterisk writes "Name: value"; tolerate "Name:value". Only the first colon splits,
    // values may contain more (`Uniqueid: 1732849361.12`, `ChanVariable: URL=http://…`).
    const colon = line.indexOf(':');
    if (colon <= 0) {
      this.malformed ??= new AmiProtocolError(
        AmiErrorCode.MalformedHeader,
        'a line without "Name: value" inside a message; the message is skipped',
        AmiProtocolError.excerptOf(line),
      );
      return;
    }
    const value =
      line.charCodeAt(colon + 1) === 0x20 ? line.slice(colon + 2) : line.slice(colon + 1);
    this.headers.push([line.slice(0, colon), value]);
  }

  /** Reports the current message as too large and skips it up to the next blank line. */
  private tooLarge(raw: Buffer, rawStart: number, out: AmiDecoded[]): void {
    // Quote the message's first line, or else the first bytes of the oversized line: both
    // are the same whatever the chunking (an oversized first line is always held in full up
    // to the cap, which is at least the excerpt).
    const quoted =
      this.firstLine !== undefined
        ? AmiProtocolError.excerptOf(this.firstLine)
        : `${raw.toString('utf8', rawStart, rawStart + Math.min(EXCERPT_BYTES, this.maxMessageBytes))}…`;
    out.push({
      ok: false,
      error: new AmiProtocolError(
        AmiErrorCode.MessageTooLarge,
        `message larger than ${this.maxMessageBytes} bytes; skipped up to the next blank line`,
        quoted,
      ),
    });
    this.startMessage();
    this.expectingBanner = false;
    this.state = DISCARD;
  }

  private finishMessage(out: AmiDecoded[]): void {
    if (this.malformed) out.push({ ok: false, error: this.malformed });
    else if (this.headers.length > 0 || this.output.length > 0) {
      out.push({ ok: true, message: new AmiMessage(this.headers, this.output) });
    }
    this.startMessage();
  }

  private startMessage(): void {
    this.state = HEADERS;
    this.headers = [];
    this.output = [];
    this.messageBytes = 0;
    this.firstLine = undefined;
    this.malformed = undefined;
    this.discardLineBytes = 0;
    this.discardLineStartsWithCr = false;
  }

  private clearPartial(): void {
    this.partial = [];
    this.partialBytes = 0;
    this.pendingCr = false;
  }
}
