import { Controller, Get, HttpCode, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { AccessPolicy, maskCallerFields, type Role } from '@hotline/access';
import { Access } from '../access/access.decorator';
import { RequestRole } from '../access/request-access';
import { AlarmService } from '../alarms/alarm.service';
import { ClusterRole } from '../cluster/cluster-role.service';
import { LiveKpiService } from '../live/live-kpi.service';
import { SiteRegistry } from '../live/site-registry.service';
import { HistoryStartup, type HistoryStatus } from '../storage/history-startup';
import { OperationalStats } from '../live/operational-stats';
import { pbxReadiness, sitesReadiness } from './pbx-readiness';

/** Liveness and readiness for systemd, load balancers and the wallboard's freshness mark. */
@Controller('health')
@Access('public')
export class HealthController {
  constructor(
    private readonly live: LiveKpiService,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    private readonly operational: OperationalStats,
    private readonly alarms: AlarmService,
    private readonly cluster: ClusterRole,
    private readonly sites: SiteRegistry,
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
    const others = this.sites.others();
    const clusterStatus = this.cluster.status();
    // A serve's other sites come from their streams; an embedded monitor's from their PBXs.
    const readiness = sitesReadiness(
      pbxReadiness(link),
      others.map((site) => ({
        site: site.site,
        caughtUp: clusterStatus
          ? (clusterStatus.sites?.[site.site]?.caughtUp ?? false)
          : site.firstViewAt !== undefined,
      })),
      clusterStatus ? 'stream' : 'pbx',
    );
    response.status(readiness.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: readiness.ready ? 'ready' : 'not-ready',
      ...(readiness.ready ? {} : { code: readiness.code, reason: readiness.reason }),
      pbx: link,
      // The other sites: each one's PBX link (embedded `pbxes:`), or as its stream tells it (a serve).
      ...(others.length > 0
        ? { sites: Object.fromEntries(others.map((site) => [site.site, site.link])) }
        : {}),
      // Cluster mode: the ingest's lease and append buffer, or the serve's stream watermark.
      ...(clusterStatus ? { cluster: clusterStatus } : {}),
      // Informational: with the database lost the records wait in the spill file, the live
      // figures are fine, so readiness does not depend on it (see /api/v1/storage/status).
      storage: storageHealth(this.operational),
      events: this.live.counters,
      // Per rule: how many alarms are active, the worst, since when (the list is on the push).
      alarms: this.alarms.summary(),
      // The first example of each anomaly is a call event: its caller number is masked.
      anomalies: maskCallerFields(this.live.anomalies(), this.access.callerVisibility(role)),
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

function storageHealth(operational: OperationalStats) {
  const status = operational.storageStatus;
  if (!status) return undefined;
  return {
    health: status.health,
    ...(status.databaseFault ? { databaseFault: status.databaseFault } : {}),
  };
}
