/**
 * One line of Asterisk's queue_log: `epoch|callid|queue|agent|VERB|data1|data2|…`
 * (docs.asterisk.org "Queue Logs"; logger.conf `queue_log_to_file`, default format).
 */
export interface QueueLogLine {
  /** Whole epoch seconds, as app_queue writes them (time(NULL)). */
  readonly epoch: number;
  /** The caller channel's Uniqueid; NONE / MANAGER for lines that are not about a call. */
  readonly callid: string;
  readonly queue: string;
  /** MemberName of the agent, or NONE. */
  readonly agent: string;
  readonly verb: string;
  readonly data: readonly string[];
  /** The line as read, without its line break. */
  readonly text: string;
}

/** Parses one line; undefined for a blank line or one without an epoch and a verb. */
export function parseQueueLogLine(raw: string): QueueLogLine | undefined {
  const text = raw.replace(/\r$/, '');
  if (text.trim() === '') return undefined;
  const [epochText = '', callid = '', queue = '', agent = '', verb = '', ...data] = text.split('|');
  const epoch = Number(epochText);
  if (!/^\d+$/.test(epochText) || !Number.isSafeInteger(epoch) || verb === '') return undefined;
  return { epoch, callid, queue, agent, verb, data, text };
}
