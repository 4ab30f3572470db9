import { Module } from '@nestjs/common';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { LiveModule } from '../live/live.module';
import { RotaPlanController } from './rota-plan.controller';
import { RotaPlanService } from './rota-plan.service';
import { STAFFING_OPTIONS, staffingOptionsFrom } from './staffing-options';
import { StaffingController } from './staffing.controller';
import { StaffingService } from './staffing.service';

/**
 * The staffing advisor (GET /api/v1/staffing/now|forecast|rota) and the rota planner
 * (GET /api/v1/staffing/rota/plan). Stored history is optional:
 * provide STAFFING_HISTORY (e.g. `new StorageStaffingHistory(aggregates, queueCalls)`) from the
 * storage module and the forecast and rota check use past weeks; without it, today only.
 */
@Module({
  imports: [LiveModule],
  controllers: [StaffingController, RotaPlanController],
  providers: [
    {
      provide: STAFFING_OPTIONS,
      inject: [MONITOR_CONFIG],
      useFactory: (config: MonitorConfig) => staffingOptionsFrom(config),
    },
    StaffingService,
    RotaPlanService,
  ],
  exports: [StaffingService],
})
export class StaffingModule {}
