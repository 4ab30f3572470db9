import { paramName, TOKEN_PARAMS } from './credentials';

export const REDACTED = '[REDACTED]';

type Headers = Readonly<Record<string, string | string[] | number | undefined>>;

/** Headers whose whole value is a secret. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Headers holding a URL that may carry `?token=` (the page a request came from). */
const URL_HEADERS = new Set(['referer', 'referrer', 'location']);

/** `url` (absolute or a path) with the value of every credential parameter replaced. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const hash = url.indexOf('#', at);
  const query = url.slice(at + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((pair) =>
      TOKEN_PARAMS.has(paramName(pair)) ? `${pair.split('=', 1)[0]}=${REDACTED}` : pair,
    )
    .join('&');
  return `${url.slice(0, at + 1)}${redacted}${hash < 0 ? '' : url.slice(hash)}`;
}

/** A copy of request or response headers fit for a log line. */
export function redactHeaders(headers: Headers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined) continue;
    if (SECRET_HEADERS.has(key)) out[name] = REDACTED;
    else if (URL_HEADERS.has(key)) out[name] = mapValue(value, redactUrl);
    else if (key === 'sec-websocket-protocol')
      out[name] = mapValue(value, (v) => v.replace(/token\.[^,\s]*/g, `token.${REDACTED}`));
    else out[name] = value;
  }
  return out;
}

/** A parsed query object (`req.query`) without the credential parameters' values. */
export function redactQuery(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    out[name] = TOKEN_PARAMS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

function mapValue(
  value: string | string[] | number,
  map: (v: string) => string,
): string | string[] | number {
  if (typeof value === 'number') return value;
  return Array.isArray(value) ? value.map(map) : map(value);
}
