import type { AmiDecoded } from '../ami-decoder';
import type { AmiMessage } from '../ami-message';
import type { AmiProtocolError } from '../ami-protocol-error';

/** The messages of a decode, failing the test if an error came out instead. */
export function messagesOf(results: readonly AmiDecoded[]): AmiMessage[] {
  return results.map((result) => {
    if (!result.ok) throw new Error(`expected a message, got ${result.error.message}`);
    return result.message;
  });
}

/** The errors of a decode, in order. */
export function errorsOf(results: readonly AmiDecoded[]): AmiProtocolError[] {
  return results.flatMap((result) => (result.ok ? [] : [result.error]));
}
