import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import type { PushView } from '../push/push-protocol';
import { AccessPolicy, tokenFromRequest } from './access-policy';

const PAGE_VIEW = 'hotline:pageView';

/** The push view a page shows; the guard lets the request through if its token may see it. */
export const PageView = (view: PushView) => SetMetadata(PAGE_VIEW, view);

@Injectable()
export class PageAuthGuard implements CanActivate {
  private readonly access: AccessPolicy;

  constructor(
    private readonly reflector: Reflector,
    @Inject(MONITOR_CONFIG) config: MonitorConfig,
  ) {
    this.access = new AccessPolicy(config.auth);
  }

  canActivate(context: ExecutionContext): boolean {
    const view = this.reflector.get<PushView | undefined>(PAGE_VIEW, context.getHandler());
    if (!view) return true;
    const request = context.switchToHttp().getRequest<IncomingMessage & { originalUrl?: string }>();
    const role = this.access.roleOf(
      tokenFromRequest(request.originalUrl ?? request.url, request.headers),
    );
    if (role === 'invalid' || !this.access.mayView(role, view)) {
      throw new UnauthorizedException(
        view === 'wallboard'
          ? 'this wallboard needs a token (?token=…)'
          : 'the leader view needs the leader token (?token=…)',
      );
    }
    return true;
  }
}
