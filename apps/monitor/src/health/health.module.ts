import { AlarmsModule } from '../alarms/alarms.module';
import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module';
import { LiveModule } from '../live/live.module';
import { HealthController } from './health.controller';

@Module({ imports: [LiveModule, AlarmsModule, ClusterModule], controllers: [HealthController] })
export class HealthModule {}
