import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { LiveKpiService } from '../live/live-kpi.service';
import { OperationalStats } from '../live/operational-stats';
import { pbxReadiness } from './pbx-readiness';

/** Liveness and readiness for systemd, load balancers and the wallboard's freshness mark. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly live: LiveKpiService,
    private readonly operational: OperationalStats,
  ) {}

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
      // Informational: with the database lost the records wait in the spill file, the live
      // figures are fine, so readiness does not depend on it (see /api/v1/storage/status).
      storage: storageHealth(this.operational),
      events: this.live.counters,
      anomalies: this.live.kpiEngine.anomalies(),
    };
  }
}

function storageHealth(operational: OperationalStats) {
  const status = operational.storageStatus;
  if (!status) return undefined;
  return {
    health: status.health,
    ...(status.databaseFault ? { databaseFault: status.databaseFault } : {}),
  };
}
