/**
 * manager.c event filters as Asterisk applies them (match_filter): with no filters every
 * event passes; include filters ("Event: QueueCallerJoin") let through only what matches
 * one of them; exclude filters ("!Event: VarSet") drop what matches any of them.
 * Regexes run over the whole event text, as Asterisk does: POSIX extended regexes compiled
 * without REG_NEWLINE, so `.` crosses line ends and bracket classes like `[[:space:]]` work.
 */
export class AmiEventFilter {
  private readonly includes: RegExp[] = [];
  private readonly excludes: RegExp[] = [];

  /** Adds a filter; returns false if the regex does not compile. */
  add(expression: string): boolean {
    const exclude = expression.startsWith('!');
    const source = exclude ? expression.slice(1) : expression;
    let regex: RegExp;
    try {
      regex = new RegExp(posixToJs(source), 's');
    } catch {
      return false;
    }
    (exclude ? this.excludes : this.includes).push(regex);
    return true;
  }

  get size(): number {
    return this.includes.length + this.excludes.length;
  }

  passes(eventText: string): boolean {
    if (this.includes.length > 0 && !this.includes.some((r) => r.test(eventText))) return false;
    return !this.excludes.some((r) => r.test(eventText));
  }
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  space: '\\s',
  blank: ' \\t',
  digit: '0-9',
  alpha: 'A-Za-z',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  punct: '!-/:-@\\[-`{-~',
};

/** POSIX bracket classes (`[:space:]` inside `[...]`) have no JavaScript spelling. */
function posixToJs(source: string): string {
  return source.replace(/\[:([a-z]+):\]/g, (whole, name: string) => POSIX_CLASSES[name] ?? whole);
}
