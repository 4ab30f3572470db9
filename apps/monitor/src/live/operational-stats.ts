import { Injectable } from '@nestjs/common';
import type { WriterStatus } from '@hotline/storage';
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
  private storageStatusReader: () => WriterStatus | undefined = () => undefined;

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

  reportStorageStatus(read: () => WriterStatus): void {
    this.storageStatusReader = read;
  }

  /** Undefined when the storage module is not loaded. */
  get storageStatus(): WriterStatus | undefined {
    return this.storageStatusReader();
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
