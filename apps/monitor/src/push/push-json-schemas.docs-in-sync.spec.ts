import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pushJsonSchemas } from './push-json-schemas';

const DOCS = join(__dirname, '../../../../docs/schemas');

/** docs/schemas/*.schema.json are generated from the zod schemas; regenerate with UPDATE_SCHEMAS=1. */
describe(pushJsonSchemas.name, () => {
  const schemas = pushJsonSchemas();

  if (process.env.UPDATE_SCHEMAS === '1') {
    mkdirSync(DOCS, { recursive: true });
    for (const [name, schema] of Object.entries(schemas)) {
      writeFileSync(join(DOCS, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
    }
  }

  it.each(Object.keys(schemas))('docs/schemas/%s.schema.json matches the zod schema', (name) => {
    const committed: unknown = JSON.parse(readFileSync(join(DOCS, `${name}.schema.json`), 'utf8'));
    expect(committed).toEqual(schemas[name]);
  });

  it('describes every server envelope with type, v, seq, at and data', () => {
    const update = schemas['server.update'];
    expect(update.required).toEqual(['type', 'v', 'seq', 'at', 'data']);
    expect(update.additionalProperties).toBe(false);
  });
});
