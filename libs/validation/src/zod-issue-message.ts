import { z } from 'zod';

/**
 * The wording of a validation problem, the sentence after the key that names it: the config at
 * start-up, the REST queries, the push protocol and the simulator's scenarios all read alike,
 * worded as operators and API clients have read them so far ("Expected number, received
 * string", "Unrecognized key(s) in object: 'typ'"). A message a schema gives itself
 * (`.regex(re, 'must be HH:mm')`) wins over this one.
 */
export const zodIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined && !('received' in issue)) return 'Required';
      return `Expected ${issue.expected === 'int' ? 'integer' : issue.expected}, received ${receivedName(issue.input, issue.expected, issue.received)}`;
    case 'unrecognized_keys':
      return `Unrecognized key(s) in object: ${quoted(issue.keys, ', ')}`;
    case 'invalid_value':
      return issue.inst instanceof z.ZodEnum
        ? `Invalid enum value. Expected ${quoted(issue.values, ' | ')}, received ${quoted([issue.input], '')}`
        : `Invalid literal value, expected ${quoted(issue.values, ' | ')}`;
    case 'too_small':
      return sizeMessage(
        issue.origin,
        issue.minimum,
        issue.exact ? 'exactly' : issue.inclusive ? 'atLeast' : 'above',
      );
    case 'too_big':
      return sizeMessage(
        issue.origin,
        issue.maximum,
        issue.exact ? 'exactly' : issue.inclusive ? 'atMost' : 'below',
      );
    case 'not_multiple_of':
      return `Number must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'Invalid' : `Invalid ${issue.format}`;
    case 'invalid_union':
      // A discriminated union names the values its discriminator may take.
      return 'options' in issue && Array.isArray(issue.options)
        ? `Invalid discriminator value. Expected ${quoted(issue.options, ' | ')}`
        : 'Invalid input';
    case 'custom':
      return 'Invalid input';
    case 'invalid_key':
    case 'invalid_element':
      return undefined; // zod's own words: nothing of ours has read them before
  }
};

/** The type of what was given: NaN told from numbers, and a fraction where an integer belongs. */
function receivedName(input: unknown, expected: string, received: unknown): string {
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  if (typeof input === 'number' && expected === 'int' && Number.isFinite(input)) return 'float';
  // zod names what it saw when the input alone does not tell (Infinity).
  if (typeof received === 'string') return received;
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (input instanceof Date) return 'date';
  return typeof input;
}

function quoted(values: readonly unknown[], separator: string): string {
  return values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(separator);
}

type Bound = 'exactly' | 'atLeast' | 'above' | 'atMost' | 'below';

const SIZE_WORDS: Readonly<
  Record<string, { subject: string; unit: string; bound: Readonly<Record<Bound, string>> }>
> = {
  array: {
    subject: 'Array must contain',
    unit: ' element(s)',
    bound: {
      exactly: 'exactly',
      atLeast: 'at least',
      above: 'more than',
      atMost: 'at most',
      below: 'less than',
    },
  },
  string: {
    subject: 'String must contain',
    unit: ' character(s)',
    bound: {
      exactly: 'exactly',
      atLeast: 'at least',
      above: 'over',
      atMost: 'at most',
      below: 'under',
    },
  },
  number: {
    subject: 'Number must be',
    unit: '',
    bound: {
      exactly: 'exactly equal to',
      atLeast: 'greater than or equal to',
      above: 'greater than',
      atMost: 'less than or equal to',
      below: 'less than',
    },
  },
};

function sizeMessage(origin: string, limit: number | bigint, bound: Bound): string | undefined {
  const words = SIZE_WORDS[origin === 'bigint' ? 'number' : origin];
  if (!words) return undefined;
  return `${words.subject} ${words.bound[bound]} ${String(limit)}${words.unit}`;
}
