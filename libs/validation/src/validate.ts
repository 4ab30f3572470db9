import type { z } from 'zod';
import { zodIssueMessage } from './zod-issue-message';

export type Validated<T> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly problems: string[] };

/**
 * Parses `input` and words every problem as "key: why" (`root` when the input as a whole is
 * wrong), e.g. `by: Invalid enum value. Expected 'interval' | 'day', received 'year'`.
 */
export function validate<T extends z.ZodType>(
  schema: T,
  input: unknown,
  root: string,
): Validated<z.output<T>> {
  const parsed = schema.safeParse(input, { error: zodIssueMessage });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => issueProblem(i, root)) };
}

/** One issue as "key: why"; `root` names the input when the issue is about all of it. */
export function issueProblem(issue: z.core.$ZodIssue, root: string): string {
  return `${issue.path.join('.') || root}: ${issueWhy(issue)}`;
}

/**
 * Why an issue is one: its message, except that a record key that is wrong says why in the
 * words of the key's schema rather than "Invalid key in record".
 */
export function issueWhy(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_key' && issue.issues.length > 0
    ? issue.issues.map((i) => i.message).join('; ')
    : issue.message;
}
