import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AgentStateIntervalRepository,
  IntervalAggregateRepository,
  QueueCallRepository,
  Sql,
} from '@hotline/storage';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { LiveModule } from '../live/live.module';
import { STAFFING_HISTORY } from './staffing-history';
import { RotaPlanController } from './rota-plan.controller';
import { RotaPlanService } from './rota-plan.service';
import { STAFFING_OPTIONS, staffingOptionsFrom } from './staffing-options';
import { StaffingController } from './staffing.controller';
import { StaffingService } from './staffing.service';
import { StorageStaffingHistory } from './storage-staffing-history';

/**
 * The staffing advisor (GET /api/v1/staffing/now|forecast|rota). The forecast and the rota
 * check read past weeks from storage (the global StorageModule's DataSource, SQLite or
 * PostgreSQL); without a database (a test module) only today's engine intervals are known.
 * The rota planner (GET /api/v1/staffing/rota/plan) plans from the same stored history.
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
    {
      provide: STAFFING_HISTORY,
      inject: [{ token: DataSource, optional: true }],
      useFactory: (dataSource?: DataSource) => {
        if (!dataSource) return undefined;
        const sql = Sql.of(dataSource);
        return new StorageStaffingHistory(
          new IntervalAggregateRepository(sql),
          new QueueCallRepository(sql),
          new AgentStateIntervalRepository(sql),
        );
      },
    },
    StaffingService,
    RotaPlanService,
  ],
  exports: [StaffingService],
})
export class StaffingModule {}
