import { Injectable } from '@nestjs/common';
import type { PushStats } from '../push/push-hub.service';

/**
 * Figures other modules report about themselves for /health and /metrics (WebSocket
 * clients, storage backlog), so the exporter does not depend on every module. Each module
 * registers a reader once; the figure is read when it is needed.
 */
@Injectable()
export class OperationalStats {
  private websocketClientsReader: () => number = () => 0;
  private storageBacklogReader: () => number = () => 0;
  private pushStatsReader: () => PushStats | undefined = () => undefined;

  reportWebsocketClients(read: () => number): void {
    this.websocketClientsReader = read;
  }

  reportPushStats(read: () => PushStats): void {
    this.pushStatsReader = read;
  }

  /** Undefined when the push module is not loaded. */
  get pushStats(): PushStats | undefined {
    return this.pushStatsReader();
  }

  reportStorageBacklog(read: () => number): void {
    this.storageBacklogReader = read;
  }

  get websocketClients(): number {
    return this.websocketClientsReader();
  }

  get storageBacklog(): number {
    return this.storageBacklogReader();
  }
}
