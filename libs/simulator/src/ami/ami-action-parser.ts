/** Splits the bytes a client sends into actions (header lists ended by a blank line). */
export class AmiActionParser {
  private buffer = '';

  constructor(private readonly maxBytes = 64 * 1024) {}

  feed(chunk: Buffer | string): Array<Array<[string, string]>> {
    this.buffer += chunk.toString();
    if (this.buffer.length > this.maxBytes) this.buffer = this.buffer.slice(-this.maxBytes);
    const actions: Array<Array<[string, string]>> = [];
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.buffer);
      if (!match) break;
      const block = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const headers: Array<[string, string]> = [];
      for (const line of block.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
      }
      if (headers.length > 0) actions.push(headers);
    }
    return actions;
  }
}

export function header(
  headers: readonly (readonly [string, string])[],
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === wanted)?.[1];
}
