import { Module } from '@nestjs/common';
import { LiveKpiService } from './live-kpi.service';
import { OperationalStats } from './operational-stats';

@Module({
  providers: [LiveKpiService, OperationalStats],
  exports: [LiveKpiService, OperationalStats],
})
export class LiveModule {}
