import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module';
import { LiveModule } from '../live/live.module';
import { CallSourceFactory } from './call-source.factory';
import { PbxLinkService } from './pbx-link.service';
import { SiteStreams } from './site-streams.service';

@Module({
  imports: [LiveModule, ClusterModule],
  providers: [CallSourceFactory, PbxLinkService, SiteStreams],
  exports: [PbxLinkService, SiteStreams],
})
export class PbxModule {}
