import { EslInjectionError } from './esl-error';

/**
 * Encodes one ESL command: the command line, optional header lines, a blank line
 * (mod_event_socket reads up to `\n\n`). A CR or LF inside any part would end the command
 * early and let the rest be read as a second command (`api status\n\napi hupall`), so such
 * values are refused, never escaped.
 */
export function encodeEslCommand(
  command: string,
  headers: Readonly<Record<string, string>> = {},
): string {
  refuseLineBreaks('command', command);
  if (command.trim() === '') throw new EslInjectionError('empty command');
  const lines = [command];
  for (const [name, value] of Object.entries(headers)) {
    refuseLineBreaks(`header name ${JSON.stringify(name)}`, name);
    refuseLineBreaks(`header ${name}`, value);
    if (name.includes(':') || name.trim() === '')
      throw new EslInjectionError(`bad header name ${JSON.stringify(name)}`);
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\n')}\n\n`;
}

export function encodeAuth(password: string): string {
  return encodeEslCommand(`auth ${password}`);
}

export function encodeApi(command: string): string {
  return encodeEslCommand(`api ${command}`);
}

/** `bgapi` with our own Job-UUID, so the BACKGROUND_JOB result can be matched without waiting for the reply. */
export function encodeBgapi(command: string, jobUuid: string): string {
  return encodeEslCommand(`bgapi ${command}`, { 'Job-UUID': jobUuid });
}

/**
 * `event plain <names> CUSTOM <subclasses>`. mod_event_socket reads every word after CUSTOM as
 * a subclass name, so CUSTOM and its subclasses must come last.
 */
export function encodeEventSubscription(
  eventNames: readonly string[],
  customSubclasses: readonly string[],
): string {
  for (const word of [...eventNames, ...customSubclasses]) {
    if (/\s/.test(word) || word === '')
      throw new EslInjectionError(`bad event name ${JSON.stringify(word)}`);
  }
  const names = eventNames.filter((name) => name !== 'CUSTOM');
  const custom = customSubclasses.length > 0 ? ['CUSTOM', ...customSubclasses] : [];
  return encodeEslCommand(['event', 'plain', ...names, ...custom].join(' '));
}

/** A CR or LF would end an ESL command early and start a second one of the sender's choosing. */
export function hasEslLineBreak(value: string): boolean {
  return /[\r\n]/.test(value);
}

function refuseLineBreaks(what: string, value: string): void {
  if (hasEslLineBreak(value)) throw new EslInjectionError(`${what} contains CR or LF`);
}
