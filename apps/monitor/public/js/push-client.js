// The pages' WebSocket client: subscribe, resume with lastSeq after a reconnect (the server
// answers with a fresh snapshot), exponential backoff with jitter, freshness tracking.

/** The server's message types past `hello`, each handed to its `on…` option as it comes. */
const HANDLERS = new Map([
  ['snapshot', 'onSnapshot'],
  ['update', 'onUpdate'],
  ['alarm', 'onAlarm'],
  ['link', 'onLink'],
  ['error', 'onError'],
]);

export class PushClient {
  constructor(options) {
    this.options = options;
    this.lastSeq = undefined;
    this.backoffMs = 500;
    this.socket = undefined;
    this.lastMessageAt = 0;
    this.cadenceMs = 1000;
    this.connected = false;
    this.stopped = false;
  }

  start() {
    this.connect();
  }

  /** Changes the subscription (period switch); the server answers with a snapshot. */
  resubscribe(changes) {
    Object.assign(this.options.subscription, changes);
    this.sendSubscribe(false);
  }

  connect() {
    // The page's token is in an HttpOnly cookie (set when the page was opened with ?token=),
    // which the browser sends with the upgrade: no script holds the token.
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const socket = new WebSocket(url, ['hotline.v1']);
    this.socket = socket;
    socket.onopen = () => {
      this.connected = true;
      this.backoffMs = 500;
      this.options.onStatus?.('open');
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      this.connected = false;
      this.options.onStatus?.('closed', event.code, event.reason);
      if (this.stopped || event.code === 4401) return;
      const delay = this.backoffMs * (0.7 + Math.random() * 0.6);
      this.backoffMs = Math.min(this.backoffMs * 2, 30_000);
      setTimeout(() => this.connect(), delay);
    };
  }

  /** Sends a client message (e.g. an alarm `ack`); false while not connected. */
  send(message) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify({ v: 1, ...message }));
    return true;
  }

  sendSubscribe(resume) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    const message = { type: 'subscribe', v: 1, ...this.options.subscription };
    if (resume && this.lastSeq !== undefined) message.lastSeq = this.lastSeq;
    this.socket.send(JSON.stringify(message));
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    this.lastMessageAt = Date.now();
    const previousSeq = this.lastSeq;
    this.lastSeq = message.seq;
    if (message.type === 'hello') {
      this.cadenceMs = message.data.cadenceMs;
      this.options.onHello?.(message.data);
      // A reconnect resumes from the last seq of the previous connection.
      this.lastSeq = previousSeq;
      this.sendSubscribe(true);
      this.lastSeq = message.seq;
      return;
    }
    const handler = HANDLERS.get(message.type);
    if (handler) this.options[handler]?.(message.data);
  }

  /** Milliseconds since the last message, or Infinity when disconnected. */
  silenceMs() {
    return this.connected && this.lastMessageAt ? Date.now() - this.lastMessageAt : Infinity;
  }
}

/**
 * A page opened with ?token= has the token in an HttpOnly cookie now (the server set it):
 * take it out of the address bar and the history, so it is not bookmarked, shared or shown.
 */
export function dropTokenFromAddress() {
  const url = new URL(location.href);
  let changed = false;
  for (const name of ['token', 'access_token']) {
    if (!url.searchParams.has(name)) continue;
    url.searchParams.delete(name);
    changed = true;
  }
  if (changed) history.replaceState(history.state, '', url);
}

/** Reads ?lang=, ?kiosk=, ?period=, ?site=, ?queue=, ?line= from the page URL. */
export function pageOptions(defaultPeriod = 'today') {
  const params = new URLSearchParams(location.search);
  const list = (name) =>
    (params.get(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    lang: params.get('lang') === 'en' ? 'en' : 'zh',
    kiosk: params.get('kiosk') === '1',
    period: params.get('period') ?? defaultPeriod,
    site: params.get('site') ?? undefined,
    queues: list('queue'),
    lines: list('line'),
  };
}
