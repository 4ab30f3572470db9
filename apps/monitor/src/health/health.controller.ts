import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { LiveKpiService } from '../live/live-kpi.service';
import { pbxReadiness } from './pbx-readiness';

/** Liveness and readiness for systemd, load balancers and the wallboard's freshness mark. */
@Controller('health')
export class HealthController {
  constructor(private readonly live: LiveKpiService) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  liveness() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  readiness(@Res({ passthrough: true }) response: { status(code: number): unknown }) {
    const link = this.live.link;
    const readiness = pbxReadiness(link);
    response.status(readiness.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: readiness.ready ? 'ready' : 'not-ready',
      ...(readiness.ready ? {} : { code: readiness.code, reason: readiness.reason }),
      pbx: link,
      events: this.live.counters,
      anomalies: this.live.kpiEngine.anomalies(),
    };
  }
}
