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

/** How close to its target a rate is: "near" is within 2 points on the right side. */
export const NEAR = 0.02;

/** 'ok' | 'near' | 'bad' | 'none'. `ceiling`: the rate must stay below the target. */
export function status(value, target, ceiling = false) {
  if (value === null || value === undefined || target === undefined) return 'none';
  if (ceiling) {
    if (value >= target) return 'bad';
    return value >= target - NEAR ? 'near' : 'ok';
  }
  if (value < target) return 'bad';
  return value < target + NEAR ? 'near' : 'ok';
}

/** Status of a wait against the alarm threshold: amber at half, red past it. */
export function waitStatus(seconds, alarmSeconds) {
  if (!seconds) return 'ok';
  if (seconds >= alarmSeconds) return 'bad';
  return seconds >= alarmSeconds / 2 ? 'near' : 'ok';
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

/** The staffing figure's status: red when agents are short, green otherwise. */
export function staffingStatus(staffing) {
  return staffing.gap > 0 ? 'bad' : 'ok';
}
