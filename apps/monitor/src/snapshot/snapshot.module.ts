import { Module } from '@nestjs/common';
import { AlarmsModule } from '../alarms/alarms.module';
import { LiveModule } from '../live/live.module';
import { SitesController } from './sites.controller';
import { SnapshotController } from './snapshot.controller';

@Module({ imports: [LiveModule, AlarmsModule], controllers: [SnapshotController, SitesController] })
export class SnapshotModule {}
