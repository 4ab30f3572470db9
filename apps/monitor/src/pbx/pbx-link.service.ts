import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type {
  CallEvent,
  CallSource,
  CallSourceListener,
  PbxInFlightView,
} from '@hotline/call-events';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { LiveKpiService } from '../live/live-kpi.service';
import { CallSourceFactory } from './call-source.factory';
import { NO_LINK_STATS, type PbxLinkStats } from './pbx-link-stats';

/**
 * Owns the PBX link's lifecycle: starts the configured call source after the app is up,
 * hands its events to the live KPI service, stops it on shutdown.
 */
@Injectable()
export class PbxLinkService
  implements OnApplicationBootstrap, OnApplicationShutdown, CallSourceListener
{
  private source: CallSource | undefined;
  private stopping = false;
  /** The last down reason logged: a retry failing the same way is not logged again. */
  private loggedDownReason: string | undefined;

  constructor(
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    private readonly factory: CallSourceFactory,
    private readonly live: LiveKpiService,
    @InjectPinoLogger(PbxLinkService.name) private readonly logger: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const source = await this.factory.create(this.config.pbx);
    this.source = source;
    // Live only once storage has restored the engine — after the history import on a first
    // start, which may take a while: the app serves /health meanwhile.
    void this.live.restoredOnce.then((history) => {
      if (this.stopping) return;
      if (Number.isFinite(history.until) && source.resumeAfter) {
        source.resumeAfter(history);
        this.logger.info(
          { until: history.until, calls: history.calls.length },
          'PBX link resumes after the calls restored from storage',
        );
      }
      this.logger.info({ pbx: this.config.pbx.type }, 'starting PBX link');
      source.start(this);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.source?.stop();
    await this.factory.dispose();
  }

  stats(): PbxLinkStats {
    return this.source?.stats() ?? NO_LINK_STATS;
  }

  get ready(): boolean {
    return this.source?.ready ?? false;
  }

  onEvents(events: CallEvent[]): void {
    this.live.ingest(events);
  }

  onResync(view: PbxInFlightView): void {
    this.live.resync(view);
    this.live.setLink(true, true);
  }

  onLink(up: boolean, detail: { reason?: string; code?: string; at: number }): void {
    if (up) {
      this.loggedDownReason = undefined;
      this.logger.info({ at: detail.at }, 'PBX link up');
    } else if (detail.reason !== this.loggedDownReason) {
      this.loggedDownReason = detail.reason;
      this.logger.warn(
        { reason: detail.reason, code: detail.code, at: detail.at },
        'PBX link down (retries failing the same way are not logged again)',
      );
    }
    this.live.setLink(up, up && this.ready, detail.reason, detail.code);
  }
}
