import { KpiConfigError } from '@hotline/kpi';
import { ConfigError } from './config-error';
import type { MonitorConfig } from './monitor-config.schema';
import { EX_CONFIG, StartUpError } from './start-up-error';

export interface StartUpFailure {
  readonly exitCode: number;
  /** One line each, `key: reason` where a config key is to blame. */
  readonly problems: readonly string[];
}

type ServerConfig = Pick<MonitorConfig['server'], 'host' | 'port'>;

/**
 * Why the monitor could not start, in the operator's words: the config key and the reason, no
 * stack trace. Configuration problems exit 78 (systemd leaves them alone); anything unknown
 * exits 1 (systemd retries).
 */
export function describeStartUpFailure(
  error: unknown,
  server: ServerConfig | undefined,
): StartUpFailure {
  if (error instanceof ConfigError) return { exitCode: EX_CONFIG, problems: error.problems };
  if (error instanceof StartUpError)
    return { exitCode: error.retryable ? 1 : EX_CONFIG, problems: [error.message] };
  if (error instanceof KpiConfigError)
    return { exitCode: EX_CONFIG, problems: [`kpi.${error.message}`] };
  const listen = server ? listenFailure(error, server) : undefined;
  if (listen) return { exitCode: EX_CONFIG, problems: [listen] };
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: 1, problems: [`start-up failed: ${firstLine(message)}`] };
}

function listenFailure(error: unknown, { host, port }: ServerConfig): string | undefined {
  const code = String((error as NodeJS.ErrnoException | undefined)?.code ?? '');
  switch (code) {
    case 'EADDRINUSE':
      return `server.port: ${host}:${port} is already in use (another monitor or service listens there); choose another server.port or stop it`;
    case 'EACCES':
      return `server.port: not allowed to listen on port ${port} (ports below 1024 need privileges); choose server.port >= 1024`;
    case 'EADDRNOTAVAIL':
      return `server.host: ${host} is not an address of this machine; use 0.0.0.0, 127.0.0.1 or one of its addresses`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `server.host: cannot resolve "${host}"`;
    default:
      return undefined;
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}
