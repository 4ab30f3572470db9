import { Controller, Get, HttpCode, HttpStatus, Inject, Res } from '@nestjs/common';
import { AccessPolicy, maskCallerFields, type Role } from '@hotline/access';
import { Access } from '../access/access.decorator';
import { RequestRole } from '../access/request-access';
import { LiveKpiService } from '../live/live-kpi.service';

/** Liveness and readiness for systemd, load balancers and the wallboard's freshness mark. */
@Controller('health')
@Access('public')
export class HealthController {
  constructor(
    private readonly live: LiveKpiService,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  @Get()
  @HttpCode(HttpStatus.OK)
  liveness() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  readiness(
    @Res({ passthrough: true }) response: { status(code: number): unknown },
    @RequestRole() role: Role,
  ) {
    const link = this.live.link;
    const ready = link.up && link.ready;
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ready' : 'not-ready',
      pbx: link,
      events: this.live.counters,
      // The first example of each anomaly is a call event: its caller number is masked.
      anomalies: maskCallerFields(
        this.live.kpiEngine.anomalies(),
        this.access.callerVisibility(role),
      ),
    };
  }
}
