import { AlarmsModule } from '../alarms/alarms.module';
import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { StaffingModule } from '../staffing/staffing.module';
import { PushGateway } from './push.gateway';
import { PushHub } from './push-hub.service';

/** WebSocket push at /ws (docs/websocket-api.md). */
@Module({
  imports: [LiveModule, StaffingModule, AlarmsModule],
  providers: [PushHub, PushGateway],
  exports: [PushHub],
})
export class PushModule {}
