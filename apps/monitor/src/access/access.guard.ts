import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { ServerResponse } from 'node:http';
import { AccessPolicy, type RouteAccess } from '@hotline/access';
import { ROUTE_ACCESS } from './access.decorator';
import { credentialOf, setRole, type AccessRequest } from './request-access';

/**
 * Every HTTP route, app-wide: its declared access (@Access/@PageAccess) against the request's
 * credential, decided by the AccessPolicy. A route that declares nothing is refused.
 * WebSocket frames are not HTTP routes: the push gateway asks the same policy at the upgrade.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly undeclaredLogged = new Set<string>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
    @InjectPinoLogger(AccessGuard.name) private readonly logger: PinoLogger,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const route = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const http = context.switchToHttp();
    const request = http.getRequest<AccessRequest>();
    if (!route) this.logUndeclared(context);
    const decision = this.policy.decide(route, credentialOf(request)?.token);
    if (decision.allowed) {
      setRole(request, decision.role);
      return true;
    }
    if (decision.status === 403) throw new ForbiddenException(decision.reason);
    http
      .getResponse<ServerResponse>()
      .setHeader('WWW-Authenticate', 'Bearer realm="hotline-monitor"');
    throw new UnauthorizedException(decision.reason);
  }

  private logUndeclared(context: ExecutionContext): void {
    const name = `${context.getClass().name}.${context.getHandler().name}`;
    if (this.undeclaredLogged.has(name)) return;
    this.undeclaredLogged.add(name);
    this.logger.error(
      { handler: name },
      'route declares no access policy (@Access): refused to everyone until it does',
    );
  }
}
