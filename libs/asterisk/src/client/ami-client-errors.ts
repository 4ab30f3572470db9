import type { AmiMessage } from '../protocol/ami-message';

/** Stable codes, so callers and logs can tell failures apart without parsing messages. */
export type AmiClientErrorCode =
  | 'AMI_ERR_AUTH_FAILED'
  | 'AMI_ERR_NOT_ASTERISK'
  | 'AMI_ERR_BAD_CREDENTIALS'
  | 'AMI_ERR_ACTION_FAILED'
  | 'AMI_ERR_ACTION_TIMEOUT'
  | 'AMI_ERR_DISCONNECTED';

/** Base of every error the AMI client raises itself: its code, and its class's name as `name`. */
export abstract class AmiClientError extends Error {
  protected constructor(
    readonly code: AmiClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The PBX refused the Login (`Response: Error`, `Message: Authentication failed`). Fatal:
 * retrying with the same credentials cannot succeed and Asterisk logs every failed attempt
 * as a security event, so the client stops instead of hammering it.
 */
export class AmiAuthError extends AmiClientError {
  constructor(
    readonly username: string,
    readonly endpoint: string,
    readonly pbxMessage: string | undefined,
  ) {
    super(
      'AMI_ERR_AUTH_FAILED',
      `AMI login as "${username}" at ${endpoint} was refused by the PBX (${pbxMessage ?? 'no reason given'}): ` +
        'check the username and secret against manager.conf and the permit/deny ACL; not retrying',
    );
  }
}

/**
 * The server on the AMI port did not greet like Asterisk (`Asterisk Call Manager/…`): another
 * service listens there. Fatal and nothing is sent to it — not the Login, not the secret. A
 * wrong port is a configuration error; retrying would only fill that service's log.
 */
export class AmiNotAsteriskError extends AmiClientError {
  constructor(
    readonly endpoint: string,
    readonly greeting: string,
  ) {
    super(
      'AMI_ERR_NOT_ASTERISK',
      `the server at ${endpoint} is not an Asterisk manager interface: it greeted with "${greeting}" ` +
        'instead of "Asterisk Call Manager/…"; check pbx.asterisk.host and port (AMI is usually 5038); ' +
        'credentials not sent, not retrying',
    );
  }
}

/** The username or secret cannot be sent (a CR or LF would inject AMI headers). Fatal. */
export class AmiCredentialsError extends AmiClientError {
  constructor(readonly detail: string) {
    super(
      'AMI_ERR_BAD_CREDENTIALS',
      `AMI username or secret cannot be sent (${detail}); not retrying`,
    );
  }
}

/** The PBX answered an action with `Response: Error`. */
export class AmiActionError extends AmiClientError {
  constructor(
    readonly action: string,
    readonly response: AmiMessage,
  ) {
    super(
      'AMI_ERR_ACTION_FAILED',
      `AMI action ${action} failed: ${response.get('Message') ?? 'no message'}`,
    );
  }
}

/** No response to an action within its timeout. */
export class AmiTimeoutError extends AmiClientError {
  constructor(
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(
      'AMI_ERR_ACTION_TIMEOUT',
      `AMI action ${action} got no complete response within ${timeoutMs} ms`,
    );
  }
}

/** The action was sent while not connected, or the link dropped before it was answered. */
export class AmiDisconnectedError extends AmiClientError {
  constructor(
    readonly action: string,
    readonly reason: string,
  ) {
    super('AMI_ERR_DISCONNECTED', `AMI action ${action} not answered: ${reason}`);
  }
}
