import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { readCredential, type Credential, type Role } from '@hotline/access';
import type { IncomingMessage } from 'node:http';

const CREDENTIAL = Symbol('hotline:credential');
const ROLE = Symbol('hotline:role');

/** The request as Express hands it over: `originalUrl` keeps what the client sent. */
export type AccessRequest = IncomingMessage & {
  originalUrl?: string;
  [CREDENTIAL]?: Credential | null;
  [ROLE]?: Role;
};

/** The credential of this request (read once, by the middleware or the first one who asks). */
export function credentialOf(request: AccessRequest): Credential | undefined {
  if (request[CREDENTIAL] === undefined) {
    request[CREDENTIAL] =
      readCredential(request.originalUrl ?? request.url, request.headers) ?? null;
  }
  return request[CREDENTIAL] ?? undefined;
}

export function setRole(request: AccessRequest, role: Role): void {
  request[ROLE] = role;
}

/** The role the access guard let through ('public' when none ran). */
export function roleOf(request: AccessRequest): Role {
  return request[ROLE] ?? 'public';
}

/** The caller's role as a handler parameter (for masking what it returns). */
export const RequestRole = createParamDecorator((_: unknown, context: ExecutionContext): Role =>
  roleOf(context.switchToHttp().getRequest<AccessRequest>()),
);
