import { Controller, Get, HttpCode, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { AccessPolicy, maskCallerFields, type Role } from '@hotline/access';
import { Access } from '../access/access.decorator';
import { RequestRole } from '../access/request-access';
import { LiveKpiService } from '../live/live-kpi.service';
import { HistoryStartup, type HistoryStatus } from '../storage/history-startup';

/** Liveness and readiness for systemd, load balancers and the wallboard's freshness mark. */
@Controller('health')
@Access('public')
export class HealthController {
  constructor(
    private readonly live: LiveKpiService,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Optional() private readonly history?: HistoryStartup,
  ) {}

  /** Alive; with the history import's progress while the monitor imports before going live. */
  @Get()
  @HttpCode(HttpStatus.OK)
  liveness() {
    return {
      status: 'ok',
      uptimeSeconds: Math.round(process.uptime()),
      ...(this.history ? { history: publicProgress(this.history.status()) } : {}),
    };
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

/**
 * /health is public: the import's progress without its source and file names (a table URL or a
 * path says where the ledger lives); /api/v1/storage/status gives the admin the whole of it.
 */
function publicProgress(status: HistoryStatus) {
  const { phase, fraction, calls, etaSeconds, elapsedSeconds } = status;
  return { phase, fraction, calls, etaSeconds, elapsedSeconds };
}
