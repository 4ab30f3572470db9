import { randomBytes } from 'node:crypto';

/**
 * ActionIDs are `${prefix}-${pid}-${counter}`. The random prefix keeps two clients in one
 * process (or a restarted process that happens to reuse a pid) from ever answering each
 * other's responses; a clock would not (two clients built in the same millisecond collide).
 */
export class ActionIdGenerator {
  private counter = 0;

  constructor(readonly prefix: string = randomBytes(4).toString('hex')) {}

  next(): string {
    this.counter += 1;
    return `${this.prefix}-${process.pid}-${this.counter}`;
  }
}
