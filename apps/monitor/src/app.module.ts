import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from './config/config.module';
import type { MonitorConfig } from './config/monitor-config.schema';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { PbxModule } from './pbx/pbx.module';
import { PushModule } from './push/push.module';
import { SnapshotModule } from './snapshot/snapshot.module';
import { StaffingModule } from './staffing/staffing.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forConfig(config: MonitorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.log.level,
            // Secrets never reach the log, whatever a module decides to print.
            redact: ['*.secret', '*.password', 'req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
        LiveModule,
        PbxModule,
        HealthModule,
        SnapshotModule,
        PushModule,
        WebModule,
        MetricsModule,
        StaffingModule,
      ],
    };
  }
}
