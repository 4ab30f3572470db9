import { Injectable } from '@nestjs/common';

/**
 * Figures other modules report about themselves for /health and /metrics (WebSocket
 * clients, storage backlog), so the exporter does not depend on every module.
 */
@Injectable()
export class OperationalStats {
  websocketClients = 0;
  storageBacklog = 0;
  storageDegraded = false;
}
