import { decodeEventPlain, type EslEvent } from './esl-event';
import { headerMap, type EslHeader } from './esl-header';

/**
 * One frame of the Event Socket: `auth/request`, `command/reply`, `api/response`,
 * `text/event-plain`, `text/disconnect-notice`, `log/data`. Outer header values are not
 * percent-encoded (`Reply-Text: +OK accepted`); only event-plain bodies are.
 */
export class EslMessage {
  private readonly byName: ReadonlyMap<string, string>;
  /** The decoded event when this frame is `text/event-plain`. */
  readonly event: EslEvent | undefined;

  constructor(
    readonly headers: readonly EslHeader[],
    readonly body: string = '',
  ) {
    this.byName = headerMap(headers);
    this.event = this.contentType === 'text/event-plain' ? decodeEventPlain(body) : undefined;
  }

  get contentType(): string | undefined {
    return this.byName.get('Content-Type');
  }

  /** `Reply-Text` of a command/reply, e.g. `+OK accepted`, `-ERR invalid`. */
  get replyText(): string | undefined {
    return this.byName.get('Reply-Text');
  }

  get(name: string): string | undefined {
    return this.byName.get(name);
  }
}
