/**
 * Reading recorded AMI transcripts (test/fixtures/asterisk/runN/runN.ami.raw.gz) in tests:
 * the raw text of every message, and AMI event filters applied the way Asterisk applies them,
 * so a test can measure what a filtered session would have received.
 */
import { type AmiHeader, AmiMessage } from '@hotline/asterisk/protocol/ami-message';

/** Messages of a raw AMI byte stream (banner line first, then CRLF-framed blocks), as text. */
export function amiMessageTexts(raw: Buffer): string[] {
  const text = raw.toString('utf8');
  const bannerEnd = text.indexOf('\r\n');
  const body = text.startsWith('Asterisk Call Manager') ? text.slice(bannerEnd + 2) : text;
  return body.split('\r\n\r\n').filter((block) => block.trim() !== '');
}

/** The event name of a message text, if it is an event. */
export function eventNameOf(messageText: string): string | undefined {
  const match = /^Event: ([^\r\n]*)/m.exec(messageText);
  return match?.[1];
}

/**
 * A filter as Asterisk compiles it (manager.c: regcomp(REG_EXTENDED), no REG_NEWLINE, so `.`
 * also matches line ends; regexec against the whole event text "Event: …\r\nPrivilege: …\r\n…").
 * JavaScript needs the POSIX class spelled `\s` and the dotAll flag for the same meaning.
 */
export function posixFilterToRegExp(filter: string): RegExp {
  return new RegExp(filter.replace(/\[\[:space:\]\]/g, '\\s'), 's');
}

/**
 * Whether Asterisk would send this event to a session with these filters: whitelist filters
 * only (no leading '!'), so an event passes when any of them matches its text. Asterisk
 * builds the text with CRLF after every header, including the last one.
 */
export function passesAmiFilters(messageText: string, filters: readonly RegExp[]): boolean {
  const wire = messageText.endsWith('\r\n') ? messageText : `${messageText}\r\n`;
  return filters.some((filter) => filter.test(wire));
}

/**
 * A message text as AmiMessage, for tests that need messages without the codec: `Name: value`
 * lines, split at the first colon (values may hold colons), one optional space after it.
 */
export function parseAmiMessageText(messageText: string): AmiMessage {
  const headers: AmiHeader[] = [];
  for (const line of messageText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')]);
  }
  return new AmiMessage(headers);
}

/** A decoded message as Asterisk put it on the wire (and matches filters against it). */
export function amiWireText(message: AmiMessage): string {
  return message.headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
}
