import { applyDecorators, Get, Header } from '@nestjs/common';
import type { AccessLevel } from '@hotline/access';
import { PageAccess } from '../access/access.decorator';

/** An HTML page at `path` (the root when none) for `level`, never cached as it is. */
export const Page = (level: AccessLevel, path?: string) =>
  applyDecorators(
    Get(path),
    PageAccess(level),
    Header('Content-Type', 'text/html; charset=utf-8'),
    Header('Cache-Control', 'no-cache'),
  );
