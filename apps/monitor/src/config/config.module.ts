import { Global, Module } from '@nestjs/common';
import type { MonitorConfig } from './monitor-config.schema';
import { MONITOR_CONFIG } from './monitor-config.token';

/** Makes the one validated config object (loaded in main.ts) injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: MonitorConfig) {
    return {
      module: ConfigModule,
      providers: [{ provide: MONITOR_CONFIG, useValue: config }],
      exports: [MONITOR_CONFIG],
    };
  }
}
