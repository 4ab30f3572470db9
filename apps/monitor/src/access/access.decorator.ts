import { SetMetadata } from '@nestjs/common';
import type { AccessLevel, RouteAccess } from '@hotline/access';

export const ROUTE_ACCESS = 'hotline:routeAccess';

/** What a route (or every route of a controller) needs; a route without it is refused. */
export const Access = (level: AccessLevel) =>
  SetMetadata<string, RouteAccess>(ROUTE_ACCESS, { level });

/** An HTML page: refusals answer 401, and `?token=` is moved into a cookie (docs/security.md). */
export const PageAccess = (level: AccessLevel) =>
  SetMetadata<string, RouteAccess>(ROUTE_ACCESS, { level, page: true });
