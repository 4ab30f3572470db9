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

/** `?queue=12345,12345-en&line=12315` — repeated or comma-separated. */
export const snapshotQuerySchema = z.object({ queue: list, line: list }).strict();
