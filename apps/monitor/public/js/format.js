// Number, duration and status formatting shared by the wallboard and the leader view.
export function pct(rate, digits = 1) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

export function int(n) {
  return n === null || n === undefined ? '—' : String(Math.round(n));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/**
 * The severity scheme's bands, from the server's `hello` (the one scheme the alarms and the
 * Prometheus rules use too): `severity.rates.<kpi>` and `severity.wait`.
 */
export function severityOf(hello) {
  return hello?.severity ?? { rates: {}, wait: undefined };
}

/**
 * 'ok' | 'near' | 'bad' | 'none' of a rate in its band: near within `band.near` of the target
 * on the right side, bad past it (a 'ceiling' rate must stay below its target).
 */
export function status(value, band) {
  if (value === null || value === undefined || !band) return 'none';
  if (band.bound === 'ceiling') {
    if (value >= band.target) return 'bad';
    return value >= band.target - band.near ? 'near' : 'ok';
  }
  if (value < band.target) return 'bad';
  return value < band.target + band.near ? 'near' : 'ok';
}

/**
 * The status of a rate over `sample` calls: 'none' (neutral, neither red nor green) below the
 * scheme's minSample (config alarms.minSample, sent in `hello.severity`), else status().
 */
export function sampledStatus(value, band, sample, minSample) {
  if (sample !== undefined && minSample !== undefined && sample < minSample) return 'none';
  return status(value, band);
}

/** Status of a wait in the wait band: amber from `nearSeconds`, red from the alarm threshold. */
export function waitStatus(seconds, wait) {
  if (!seconds || !wait) return 'ok';
  if (seconds >= wait.alarmSeconds) return 'bad';
  return seconds >= wait.nearSeconds ? 'near' : 'ok';
}

export function clockText(date, timeZone, lang, withSeconds = true) {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hour12: false,
  }).format(date);
}

export function dateText(date, timeZone, lang) {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Fills a translated template ("需要 {needed} 人") with elements instead of text, so each number
 * can carry its own data-value for styling and tests.
 */
export function templateNodes(template, nodes) {
  return template
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 === 1 ? (nodes[part] ?? '') : part))
    .filter((part) => part !== '');
}

/**
 * The staffing figure's status: red when agents are short or the last finished 15 minutes
 * missed a target (the advisor's `status`), green otherwise.
 */
export function staffingStatus(staffing) {
  return staffing.status === 'missed' || staffing.status === 'short' ? 'bad' : 'ok';
}
