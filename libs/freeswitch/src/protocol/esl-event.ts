import { headerMap, parseHeaderLines, type EslHeader } from './esl-header';
import { percentDecode } from './percent-decode';

/**
 * A FreeSWITCH event, decoded from a `text/event-plain` body. Header values are
 * percent-decoded. Channel variables ride as `variable_<name>` headers (on callcenter
 * events only with `verbose-channel-events=true`). Some events carry a body of their own
 * (BACKGROUND_JOB's command output) after an inner `Content-Length`.
 */
export class EslEvent {
  private readonly byName: ReadonlyMap<string, string>;

  constructor(
    readonly headers: readonly EslHeader[],
    readonly body: string = '',
  ) {
    this.byName = headerMap(headers);
  }

  /** Event-Name, e.g. `CUSTOM`, `HEARTBEAT`, `CHANNEL_HANGUP_COMPLETE`. */
  get name(): string | undefined {
    return this.byName.get('Event-Name');
  }

  /** Event-Subclass of a CUSTOM event, e.g. `callcenter::info`. */
  get subclass(): string | undefined {
    return this.byName.get('Event-Subclass');
  }

  /**
   * Event-Date-Timestamp is epoch *microseconds*; this is whole epoch milliseconds (the
   * microseconds cut off, as the AMI mapper cuts Asterisk's: call events carry integer ms,
   * which storage keeps in bigint columns), or undefined when absent. Do not use it for waits
   * and talk times: the CC-* headers and the CDR use whole seconds (see kpi-spec.md).
   */
  get timestampMs(): number | undefined {
    const raw = this.byName.get('Event-Date-Timestamp');
    if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
    return Math.floor(Number(raw) / 1000);
  }

  get(name: string): string | undefined {
    return this.byName.get(name);
  }

  /** A channel variable (`variable_<name>` header). */
  variable(name: string): string | undefined {
    return this.byName.get(`variable_${name}`);
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries(this.byName);
  }
}

/** Decodes the body of a `text/event-plain` message: a percent-encoded header block, then an optional body. */
export function decodeEventPlain(body: string): EslEvent {
  const end = body.indexOf('\n\n');
  const block = end < 0 ? body : body.slice(0, end);
  const { headers } = parseHeaderLines(block, percentDecode);
  let eventBody = '';
  if (end >= 0) {
    const rest = body.slice(end + 2);
    const length = headers.find(([name]) => name === 'Content-Length')?.[1];
    // The inner Content-Length counts bytes; the outer frame already delimited the whole body.
    eventBody =
      length !== undefined && /^\d+$/.test(length)
        ? Buffer.from(rest, 'utf8').subarray(0, Number(length)).toString('utf8')
        : rest;
  }
  return new EslEvent(headers, eventBody);
}
