import type { Socket } from 'node:net';

/**
 * One Event Socket connection: authentication, the event subscription (`event plain …`
 * accumulates, `noevents` clears) and the command bytes not yet parsed.
 */
export class EslSession {
  authenticated = false;
  private all = false;
  private allCustom = false;
  private readonly names = new Set<string>();
  private readonly subclasses = new Set<string>();
  private pending = '';

  constructor(readonly socket: Socket) {}

  /**
   * Commands end with a blank line (mod_event_socket read_packet); header lines may follow the
   * command line (`bgapi …\nJob-UUID: …`). Returns complete commands as line arrays.
   */
  feed(chunk: Buffer): string[][] {
    this.pending += chunk.toString('utf8').replace(/\r/g, '');
    const commands: string[][] = [];
    for (let end = this.pending.indexOf('\n\n'); end >= 0; end = this.pending.indexOf('\n\n')) {
      const text = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 2);
      if (text.trim() !== '') commands.push(text.split('\n'));
    }
    return commands;
  }

  /**
   * `event plain <words>`: ALL, event names, and after CUSTOM every word is a subclass
   * (mod_event_socket parse_command: `custom++` switches the meaning of the following words).
   */
  subscribe(words: readonly string[]): void {
    let custom = false;
    for (const word of words) {
      if (word === 'ALL') this.all = true;
      else if (word === 'CUSTOM') {
        custom = true;
        this.allCustom ||= words.indexOf(word) === words.length - 1;
      } else if (custom) this.subclasses.add(word);
      else this.names.add(word);
    }
  }

  clearSubscriptions(): void {
    this.all = false;
    this.allCustom = false;
    this.names.clear();
    this.subclasses.clear();
  }

  wants(name: string, subclass: string | undefined): boolean {
    if (!this.authenticated) return false;
    if (this.all) return true;
    if (name === 'CUSTOM')
      return this.allCustom || (subclass !== undefined && this.subclasses.has(subclass));
    return this.names.has(name);
  }

  get subscribed(): boolean {
    return this.all || this.allCustom || this.names.size > 0 || this.subclasses.size > 0;
  }
}
