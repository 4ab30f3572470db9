import { Module } from '@nestjs/common';
import { LiveKpiService } from './live-kpi.service';

@Module({ providers: [LiveKpiService], exports: [LiveKpiService] })
export class LiveModule {}
