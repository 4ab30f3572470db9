import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { SnapshotController } from './snapshot.controller';

@Module({ imports: [LiveModule], controllers: [SnapshotController] })
export class SnapshotModule {}
