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

let reader: ManagerReader | undefined;

/**
 * asterisk-manager's parser (`ManagerReader` in lib/ami.js) is a private function bound to
 * a socket's `data` event; it is loaded here from the module's own source, unchanged, so the
 * differential test and the benchmark drive exactly the code that ships, without a socket.
 * Test and bench support only; asterisk-manager is a devDependency.
 */
function loadManagerReader(): ManagerReader {
  if (reader) return reader;
  const file = require.resolve('asterisk-manager/lib/ami.js');
  const source = readFileSync(file, 'utf8');
  const wrapped = `(function (require, module, exports, __filename, __dirname) {${source}\n;return ManagerReader;})`;
  const factory = runInThisContext(wrapped, { filename: file }) as (
    ...args: unknown[]
  ) => ManagerReader;
  reader = factory(createRequire(file), { exports: {} }, {}, file, dirname(file));
  return reader;
}

/**
 * A streaming asterisk-manager parser: feed it socket chunks, get its raw items back. The
 * socket it normally sits behind has `setEncoding('utf-8')`, hence the StringDecoder.
 */
export class AsteriskManagerReferenceParser {
  private readonly read = loadManagerReader();
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
