import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { CallSourceFactory } from './call-source.factory';
import { PbxLinkService } from './pbx-link.service';

@Module({
  imports: [LiveModule],
  providers: [CallSourceFactory, PbxLinkService],
  exports: [PbxLinkService],
})
export class PbxModule {}
