import {
  Global,
  Inject,
  Module,
  RequestMethod,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { AccessPolicy, authWarnings } from '@hotline/access';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { AccessGuard } from './access.guard';
import { CredentialsMiddleware } from './credentials.middleware';

/** Access control for every HTTP route (docs/security.md): the policy, the guard, the door. */
@Global()
@Module({
  providers: [
    {
      provide: AccessPolicy,
      inject: [MONITOR_CONFIG],
      useFactory: (config: MonitorConfig) => new AccessPolicy(config.auth),
    },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AccessPolicy],
})
export class AccessModule implements NestModule, OnApplicationBootstrap {
  constructor(
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    @InjectPinoLogger(AccessModule.name) private readonly logger: PinoLogger,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CredentialsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  /** Inconsistent auth settings are not errors, but the operator hears of them once. */
  onApplicationBootstrap(): void {
    for (const warning of authWarnings(this.config.auth, this.config.server.host)) {
      this.logger.warn({ key: warning.key }, warning.message);
    }
  }
}
