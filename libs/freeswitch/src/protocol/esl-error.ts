/** Stable codes for everything that can go wrong on the Event Socket, in the style of ws's `WS_ERR_*`. */
export type EslErrorCode =
  | 'ESL_ERR_HEADER_TOO_LARGE'
  | 'ESL_ERR_BODY_TOO_LARGE'
  | 'ESL_ERR_BAD_CONTENT_LENGTH'
  | 'ESL_ERR_MALFORMED_HEADER'
  | 'ESL_ERR_INJECTION'
  | 'ESL_ERR_AUTH'
  | 'ESL_ERR_NOT_FREESWITCH'
  | 'ESL_ERR_REJECTED'
  | 'ESL_ERR_TIMEOUT'
  | 'ESL_ERR_DISCONNECTED'
  | 'ESL_ERR_COMMAND_FAILED'
  | 'ESL_ERR_NOT_CONNECTED';

export class EslError extends Error {
  constructor(
    readonly code: EslErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'EslError';
  }
}

/** The byte stream broke the ESL framing; the connection cannot be resynchronised and must be dropped. */
export class EslProtocolError extends EslError {
  constructor(code: EslErrorCode, message: string) {
    super(code, message);
    this.name = 'EslProtocolError';
  }
}

/** A command carried CR or LF in a value: it would have smuggled extra ESL commands or headers. */
export class EslInjectionError extends EslError {
  constructor(message: string) {
    super('ESL_ERR_INJECTION', message);
    this.name = 'EslInjectionError';
  }
}
