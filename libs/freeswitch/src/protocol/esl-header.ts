/** One ESL header as it came off the wire (value already percent-decoded for event headers). */
export type EslHeader = readonly [name: string, value: string];

/**
 * Parses a block of `Name: value` lines. FreeSWITCH writes `\n` line ends; a stray `\r` is
 * dropped. A line without `: ` is malformed; the caller decides whether that is fatal.
 */
export function parseHeaderLines(
  block: string,
  decodeValue: (raw: string) => string,
): { headers: EslHeader[]; malformed: string[] } {
  const headers: EslHeader[] = [];
  const malformed: string[] = [];
  for (const rawLine of block.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      malformed.push(line);
      continue;
    }
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    headers.push([name, decodeValue(value)]);
  }
  return { headers, malformed };
}

/** First value of each header name; FreeSWITCH does not repeat header names within one message. */
export function headerMap(headers: readonly EslHeader[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of headers) if (!map.has(name)) map.set(name, value);
  return map;
}
