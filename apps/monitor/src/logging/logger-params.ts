import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { maskCallerFields, redactHeaders, redactQuery, redactUrl } from '@hotline/access';
import type { MonitorConfig } from '../config/monitor-config.schema';

/** What pino-std-serializers makes of a request and a response (the part we rewrite). */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  query?: unknown;
  params?: unknown;
  headers?: Record<string, string | string[] | undefined>;
  remoteAddress?: string;
  remotePort?: number;
}
interface SerializedResponse {
  statusCode?: number | null;
  headers?: Record<string, string | string[] | number | undefined>;
}

/**
 * The request as logged: no credential in the URL, the query, the Authorization or Cookie
 * header, a `token.` subprotocol or the Referer (a page opened with `?token=` is the Referer
 * of everything it loads). A fresh object: the live request's headers are never touched.
 */
function requestForLog(req: SerializedRequest): Record<string, unknown> {
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    query: redactQuery(req.query),
    params: req.params,
    headers: req.headers ? redactHeaders(req.headers) : req.headers,
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  };
}

/** The response as logged: no Set-Cookie (the page's token cookie). */
function responseForLog(res: SerializedResponse): Record<string, unknown> {
  return {
    statusCode: res.statusCode,
    headers: res.headers ? redactHeaders(res.headers) : res.headers,
  };
}

const UNLOGGED_PATHS = new Set(['/health', '/metrics']);

/**
 * The monitor's logger (nestjs-pino over pino-http). `destination`: where the JSON lines go
 * (stdout when absent; a test captures them).
 */
export function loggerParams(config: MonitorConfig, destination?: DestinationStream): Params {
  const options: Options = {
    level: config.log.level,
    // Secrets never reach the log, whatever a module decides to print.
    redact: ['*.secret', '*.password', '*.token', '*.tokens'],
    serializers: { req: requestForLog, res: responseForLog },
    formatters: {
      // Caller numbers in logged events and PBX messages: the leader's mask at most.
      log: (object) => maskCallerFields(object, 'last4'),
    },
    autoLogging: { ignore: (req) => UNLOGGED_PATHS.has((req.url ?? '').split('?')[0]) },
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
