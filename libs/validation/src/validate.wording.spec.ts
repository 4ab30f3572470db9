import { z } from 'zod';
import { validate } from './validate';

function problemsOf(schema: z.ZodType, input: unknown, root = 'query'): string[] {
  const result = validate(schema, input, root);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
  return result.problems;
}

/** The wording operators and API clients have read so far (zod 3's), whatever zod says now. */
describe(validate.name, () => {
  it('passes valid input through with its defaults', () => {
    const schema = z.object({ a: z.number(), b: z.string().default('x') }).strict();
    expect(validate(schema, { a: 1 }, 'query')).toEqual({ ok: true, data: { a: 1, b: 'x' } });
  });

  it.each([
    ['a missing key', z.object({ a: z.string() }), {}, 'a: Required'],
    [
      'a wrong type',
      z.object({ port: z.number() }),
      { port: 'http' },
      'port: Expected number, received string',
    ],
    [
      'a fraction for an integer',
      z.object({ n: z.number().int() }),
      { n: 1.5 },
      'n: Expected integer, received float',
    ],
    ['NaN', z.object({ n: z.coerce.number() }), { n: 'abc' }, 'n: Expected number, received nan'],
    ['null', z.object({ s: z.string() }), { s: null }, 's: Expected string, received null'],
    ['an array', z.object({ s: z.string() }), { s: [] }, 's: Expected string, received array'],
    [
      'unknown keys',
      z.object({ a: z.string() }).strict(),
      { a: 'x', typ: 1, b: 2 },
      "query: Unrecognized key(s) in object: 'typ', 'b'",
    ],
    [
      'an enum value',
      z.object({ by: z.enum(['day', 'week']) }),
      { by: 'year' },
      "by: Invalid enum value. Expected 'day' | 'week', received 'year'",
    ],
    ['a literal', z.object({ v: z.literal(1) }), { v: 2 }, 'v: Invalid literal value, expected 1'],
    [
      'a short string',
      z.object({ s: z.string().min(16) }),
      { s: 'abc' },
      's: String must contain at least 16 character(s)',
    ],
    [
      'a long string',
      z.object({ s: z.string().max(2) }),
      { s: 'abc' },
      's: String must contain at most 2 character(s)',
    ],
    [
      'an empty array',
      z.object({ a: z.array(z.string()).min(1) }),
      { a: [] },
      'a: Array must contain at least 1 element(s)',
    ],
    [
      'a long array',
      z.object({ a: z.array(z.string()).max(1) }),
      { a: ['x', 'y'] },
      'a: Array must contain at most 1 element(s)',
    ],
    [
      'an exact length',
      z.object({ a: z.array(z.number()).length(2) }),
      { a: [1] },
      'a: Array must contain exactly 2 element(s)',
    ],
    [
      'zero for positive',
      z.object({ n: z.number().positive() }),
      { n: 0 },
      'n: Number must be greater than 0',
    ],
    [
      'below a minimum',
      z.object({ n: z.number().min(50) }),
      { n: 5 },
      'n: Number must be greater than or equal to 50',
    ],
    [
      'above a maximum',
      z.object({ n: z.number().max(48) }),
      { n: 49 },
      'n: Number must be less than or equal to 48',
    ],
    [
      'a multiple',
      z.object({ n: z.number().multipleOf(5) }),
      { n: 3 },
      'n: Number must be a multiple of 5',
    ],
    ['a pattern', z.object({ s: z.string().regex(/^a$/) }), { s: 'b' }, 's: Invalid'],
    [
      'a union',
      z.object({ u: z.union([z.string(), z.number()]) }),
      { u: true },
      'u: Invalid input',
    ],
    [
      'a refinement',
      z.object({ s: z.string().refine(() => false) }),
      { s: 'x' },
      's: Invalid input',
    ],
  ])('words %s as before', (_case, schema, input, problem) => {
    expect(problemsOf(schema, input)).toEqual([problem]);
  });

  it('names the values a discriminator may take', () => {
    const schema = z.discriminatedUnion('type', [
      z.object({ type: z.literal('subscribe') }),
      z.object({ type: z.literal('ping') }),
    ]);
    expect(problemsOf(schema, { type: 'pong' }, 'message')).toEqual([
      "type: Invalid discriminator value. Expected 'subscribe' | 'ping'",
    ]);
  });

  it('keeps a message the schema gives itself', () => {
    const schema = z.object({ at: z.string().regex(/^\d\d:\d\d$/, 'must be HH:mm') });
    expect(problemsOf(schema, { at: '7:00' })).toEqual(['at: must be HH:mm']);
  });

  it("says why a record key is wrong in the key schema's own words", () => {
    const schema = z.record(z.string().regex(/^[a-z]+$/, 'a lower-case name'), z.number());
    expect(problemsOf(schema, { ok: 1, Bad: 2 })).toEqual(['Bad: a lower-case name']);
  });

  it('names the root when the input as a whole is wrong', () => {
    expect(problemsOf(z.object({}), 'text', 'message')).toEqual([
      'message: Expected object, received string',
    ]);
  });
});
