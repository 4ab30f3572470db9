/** Stable codes of AMI protocol errors (log them, count them, alert on them). */
export enum AmiErrorCode {
  /** A message, or a line that never ends, is larger than `maxMessageBytes`. */
  MessageTooLarge = 'AMI_ERR_MESSAGE_TOO_LARGE',
  /** A line inside a message is not `Name: value`. */
  MalformedHeader = 'AMI_ERR_MALFORMED_HEADER',
  /** An outgoing header name or value would end its line early (CR/LF) or split wrongly (`:`). */
  HeaderInjection = 'AMI_ERR_HEADER_INJECTION',
}

const EXCERPT_CHARS = 120;

/** Something on (or for) the AMI wire that breaks the protocol; never thrown by the decoder. */
export class AmiProtocolError extends Error {
  override readonly name = 'AmiProtocolError';

  constructor(
    readonly code: AmiErrorCode,
    message: string,
    /** The offending input, truncated, for the log. */
    readonly detail?: string,
  ) {
    super(`${code}: ${message}`);
  }

  /** Alias of `detail`, for log fields. */
  get excerpt(): string | undefined {
    return this.detail;
  }

  /** At most 120 characters of `text`, marked with an ellipsis when cut. */
  static excerptOf(text: string): string {
    return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
  }
}
