import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { runInThisContext } from 'node:vm';

/** What asterisk-manager 0.2.0 emits as `rawevent`: lower-cased keys, repeats as arrays. */
export type AsteriskManagerItem = Record<string, string | string[] | Record<string, string>>;

type ManagerReader = (
  this: { emit(name: string, item: AsteriskManagerItem): void },
  context: Record<string, unknown>,
  data: string,
) => void;

/** `MakeManagerAction(req, id)` in lib/ami.js: the bytes it writes for an action. */
type MakeManagerAction = (action: Record<string, string>, id: string) => string;

interface AsteriskManagerInternals {
  readonly ManagerReader: ManagerReader;
  readonly MakeManagerAction: MakeManagerAction;
}

let internals: AsteriskManagerInternals | undefined;

/**
 * asterisk-manager's parser (`ManagerReader` in lib/ami.js) is a private function bound to
 * a socket's `data` event, and its encoder (`MakeManagerAction`) is private too; both are
 * loaded here from the module's own source, unchanged, so the differential test and the
 * benchmark drive exactly the code that ships, without a socket.
 * Test and bench support only; asterisk-manager is a devDependency.
 */
function loadInternals(): AsteriskManagerInternals {
  if (internals) return internals;
  const file = require.resolve('asterisk-manager/lib/ami.js');
  const source = readFileSync(file, 'utf8');
  const wrapped = `(function (require, module, exports, __filename, __dirname) {${source}\n;return { ManagerReader, MakeManagerAction };})`;
  const factory = runInThisContext(wrapped, { filename: file }) as (
    ...args: unknown[]
  ) => AsteriskManagerInternals;
  internals = factory(createRequire(file), { exports: {} }, {}, file, dirname(file));
  return internals;
}

/** What asterisk-manager would write to the socket for `action` with ActionID `id`. */
export function asteriskManagerEncode(action: Record<string, string>, id: string): string {
  return loadInternals().MakeManagerAction(action, id);
}

/**
 * A streaming asterisk-manager parser: feed it socket chunks, get its raw items back. The
 * socket it normally sits behind has `setEncoding('utf-8')`, hence the StringDecoder.
 */
export class AsteriskManagerReferenceParser {
  private readonly read = loadInternals().ManagerReader;
  private readonly context: Record<string, unknown> = {};
  private readonly text = new StringDecoder('utf8');
  private items: AsteriskManagerItem[] = [];
  private readonly sink = {
    emit: (name: string, item: AsteriskManagerItem): void => {
      if (name === 'rawevent') this.items.push(item);
    },
  };

  push(chunk: Buffer): AsteriskManagerItem[] {
    this.items = [];
    this.read.call(this.sink, this.context, this.text.write(chunk));
    return this.items;
  }
}
