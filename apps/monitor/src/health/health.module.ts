import { AlarmsModule } from '../alarms/alarms.module';
import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { HealthController } from './health.controller';

@Module({ imports: [LiveModule, AlarmsModule], controllers: [HealthController] })
export class HealthModule {}
