import { Module } from '@nestjs/common';
import { LiveKpiService } from './live-kpi.service';
import { OperationalStats } from './operational-stats';
import { SiteRegistry } from './site-registry.service';

@Module({
  providers: [LiveKpiService, SiteRegistry, OperationalStats],
  exports: [LiveKpiService, SiteRegistry, OperationalStats],
})
export class LiveModule {}
