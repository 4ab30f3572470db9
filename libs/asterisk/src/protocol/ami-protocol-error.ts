/** Stable codes of AMI protocol errors (log them, count them, alert on them). */
export enum AmiErrorCode {
  MessageTooLarge = 'AMI_ERR_MESSAGE_TOO_LARGE',
  MalformedHeader = 'AMI_ERR_MALFORMED_HEADER',
  HeaderInjection = 'AMI_ERR_HEADER_INJECTION',
}

const EXCERPT_CHARS = 120;

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

  get excerpt(): string | undefined {
    return this.detail;
  }

  static excerptOf(text: string): string {
    return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
  }
}
