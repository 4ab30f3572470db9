import { z } from 'zod';

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => {
    if (value === undefined) return undefined;
    const items = (Array.isArray(value) ? value : [value])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim());
    const nonEmpty = items.filter((v) => v.length > 0);
    return nonEmpty.length > 0 ? nonEmpty : undefined;
  });

/**
 * `?site=lvliang&queue=12345,12345-en&line=12315` — queues and lines repeated or
 * comma-separated; without `site`, this instance's own site.
 */
export const snapshotQuerySchema = z
  .object({ site: z.string().min(1).max(64).optional(), queue: list, line: list })
  .strict();
