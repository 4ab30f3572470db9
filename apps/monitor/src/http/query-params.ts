import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';
import { validate } from '@hotline/validation';

/** A REST query string parsed by its schema; a bad one is a 400 listing every "key: why". */
export function parseQuery<T extends z.ZodType>(
  schema: T,
  query: Record<string, unknown>,
): z.output<T> {
  const parsed = validate(schema, query, 'query');
  if (!parsed.ok) throw new BadRequestException(parsed.problems);
  return parsed.data;
}
