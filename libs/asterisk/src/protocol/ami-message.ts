/** One AMI header as it came off the wire. Header names keep their original spelling. */
export type AmiHeader = readonly [name: string, value: string];

/**
 * A decoded AMI message: an event (`Event:`), an action response (`Response:`), or the
 * greeting banner. Headers keep wire order and repeats (AMI repeats e.g. `ChanVariable`
 * once per variable), so nothing is overwritten; lookups are case-insensitive because
 * Asterisk versions disagree on spelling (`ActionID` vs `ActionId`).
 */
export class AmiMessage {
  constructor(
    readonly headers: readonly AmiHeader[],
    /** Body lines of a `Response: Follows` command output, without the end marker. */
    readonly output: readonly string[] = [],
  ) {}

  get event(): string | undefined {
    return this.get('Event');
  }

  get response(): string | undefined {
    return this.get('Response');
  }

  get actionId(): string | undefined {
    return this.get('ActionID');
  }

  /** First value of a header, case-insensitive. */
  get(name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const [key, value] of this.headers) {
      if (sameName(key, wanted)) return value;
    }
    return undefined;
  }

  /** Every value of a repeated header, in wire order. */
  getAll(name: string): string[] {
    const wanted = name.toLowerCase();
    const values: string[] = [];
    for (const [key, value] of this.headers) {
      if (sameName(key, wanted)) values.push(value);
    }
    return values;
  }

  /**
   * Channel variables sent with `channelvars` in manager.conf: `ChanVariable: HOTLINE=110`
   * (prefix `DestChanVariable` for the other leg). An empty value means "not set yet".
   */
  channelVariable(variable: string, prefix = 'ChanVariable'): string | undefined {
    const wanted = variable.toLowerCase();
    for (const entry of this.getAll(prefix)) {
      const eq = entry.indexOf('=');
      if (eq > 0 && entry.slice(0, eq).toLowerCase() === wanted) return entry.slice(eq + 1);
    }
    return undefined;
  }

  /** Plain object for logs and tests; repeated headers become arrays. */
  toJSON(): Record<string, string | string[]> {
    const plain: Record<string, string | string[]> = {};
    for (const [key, value] of this.headers) {
      const seen = plain[key];
      if (seen === undefined) plain[key] = value;
      else if (Array.isArray(seen)) seen.push(value);
      else plain[key] = [seen, value];
    }
    return plain;
  }
}

/**
 * A header name against a lower-cased one. The length is compared first: lower-casing every
 * header of a message for every lookup made a string per header (the mapper looks up several
 * headers of each of the ~160 events of a call: bench/cluster-pipeline.bench.ts).
 */
function sameName(key: string, lowerCased: string): boolean {
  return key.length === lowerCased.length && key.toLowerCase() === lowerCased;
}

/** An action to send: name plus headers in order (repeats allowed, e.g. `Variable`). */
export interface AmiAction {
  readonly action: string;
  readonly headers?: readonly AmiHeader[] | Readonly<Record<string, string | number | boolean>>;
}
