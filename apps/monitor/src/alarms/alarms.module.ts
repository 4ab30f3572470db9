import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { AlarmHistoryController } from './alarm-history.controller';
import { AlarmService } from './alarm.service';

/**
 * The alarm rules, evaluated once per tick (AlarmService); push, /health and /metrics read it,
 * storage keeps its transitions; the alarm history route reads them back (StorageModule, global).
 */
@Module({
  imports: [LiveModule],
  controllers: [AlarmHistoryController],
  providers: [AlarmService],
  exports: [AlarmService],
})
export class AlarmsModule {}
