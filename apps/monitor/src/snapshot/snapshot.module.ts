import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { SitesController } from './sites.controller';
import { SnapshotController } from './snapshot.controller';

@Module({ imports: [LiveModule], controllers: [SnapshotController, SitesController] })
export class SnapshotModule {}
