import { AlarmsModule } from '../alarms/alarms.module';
import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { PbxModule } from '../pbx/pbx.module';
import { MetricsController } from './metrics.controller';
import { METRICS_REGISTRY, createMetricsRegistry } from './metrics-registry';
import { MetricsService } from './metrics.service';

@Module({
  imports: [LiveModule, PbxModule, AlarmsModule],
  providers: [{ provide: METRICS_REGISTRY, useFactory: createMetricsRegistry }, MetricsService],
  controllers: [MetricsController],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule {}
