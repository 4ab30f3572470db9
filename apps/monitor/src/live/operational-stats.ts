import { Injectable } from '@nestjs/common';

/**
 * Figures other modules report about themselves for /health and /metrics (WebSocket
 * clients, storage backlog), so the exporter does not depend on every module. Each module
 * registers a reader once; the figure is read when it is needed.
 */
@Injectable()
export class OperationalStats {
  private websocketClientsReader: () => number = () => 0;
  private storageBacklogReader: () => number = () => 0;

  reportWebsocketClients(read: () => number): void {
    this.websocketClientsReader = read;
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
