import { Controller, Get, HttpCode, HttpStatus, Optional, Res } from '@nestjs/common';
import { LiveKpiService } from '../live/live-kpi.service';
import { HistoryStartup } from '../storage/history-startup';

/** Liveness and readiness for systemd, load balancers and the wallboard's freshness mark. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly live: LiveKpiService,
    @Optional() private readonly history?: HistoryStartup,
  ) {}

  /** Alive; with the history import's progress while the monitor imports before going live. */
  @Get()
  @HttpCode(HttpStatus.OK)
  liveness() {
    return {
      status: 'ok',
      uptimeSeconds: Math.round(process.uptime()),
      ...(this.history ? { history: this.history.status() } : {}),
    };
  }

  @Get('ready')
  readiness(@Res({ passthrough: true }) response: { status(code: number): unknown }) {
    const link = this.live.link;
    const ready = link.up && link.ready;
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ready' : 'not-ready',
      pbx: link,
      events: this.live.counters,
      anomalies: this.live.kpiEngine.anomalies(),
    };
  }
}
