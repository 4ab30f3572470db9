import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { AlarmService } from './alarm.service';

/** The alarm rules, evaluated once per tick (AlarmService); push, /health and /metrics read it. */
@Module({
  imports: [LiveModule],
  providers: [AlarmService],
  exports: [AlarmService],
})
export class AlarmsModule {}
