import { localizePage, translator } from './i18n.js';
import { clockText, dateText } from './format.js';
import { PushClient, dropTokenFromAddress, pageOptions } from './push-client.js';
import { notePeriodInAddress } from './period-view.js';

/**
 * What the wallboard and the leader view share: page options and language, the state fed by
 * the push, the clock, the freshness mark (a board never shows stale numbers as live), the
 * period switch and the push client's wiring. Each page renders its own sections.
 */
export function boardPage({ defaultPeriod, titleKey }) {
  dropTokenFromAddress();
  const opts = pageOptions(defaultPeriod);
  const t = translator(opts.lang);
  const state = {
    hello: undefined,
    targets: undefined,
    timeZone: 'Asia/Shanghai',
    sections: {},
    link: undefined,
    /** PBX clock minus local clock, from the last message's pbxAt. */
    pbxOffsetMs: 0,
    everReceived: false,
  };
  const pbxNow = () => Date.now() + state.pbxOffsetMs;

  localizePage(t, opts.lang, titleKey);
  document.body.classList.toggle('kiosk', opts.kiosk);
  if (opts.kiosk) document.getElementById('controls').remove();

  /**
   * Subscribes to `views`; `render(sections)` gets every snapshot's and update's sections
   * after they are merged into state.sections; `tick()` runs twice a second with the clock;
   * `onAlarm(transition)` gets each alarm message; `subscription` adds to what is subscribed
   * (the leader's chosen shift). Returns the push client.
   */
  function connect({ views, render, tick, onAlarm, subscription = {} }) {
    let socketState = 'connecting';
    let unauthorized = false;

    function renderFreshness() {
      const silence = client.silenceMs();
      let reason;
      if (unauthorized) reason = t('unauthorized');
      else if (socketState !== 'open' || silence === Infinity) reason = t('notLiveReason_socket');
      else if (state.link && (!state.link.up || !state.link.ready)) reason = t('notLiveReason_pbx');
      else if (silence > 3 * client.cadenceMs)
        reason = t('notLiveReason_stale', { n: Math.round((3 * client.cadenceMs) / 1000) });
      const stale = reason !== undefined && (state.everReceived || unauthorized);
      document.body.classList.toggle('stale', stale || !state.everReceived);
      document.getElementById('stale-banner').hidden = !stale;
      document.getElementById('stale-reason').textContent = reason ? ` — ${reason}` : '';
      const mark = document.getElementById('freshness');
      mark.dataset.live = String(!stale && state.everReceived);
      mark.textContent = !stale && state.everReceived ? `● ${t('live')}` : `● ${t('notLive')}`;
    }

    function apply(sections, pbxAt) {
      state.pbxOffsetMs = pbxAt - Date.now();
      Object.assign(state.sections, sections);
      if (sections.coverage) renderCoverage();
      render(sections);
    }

    /** Which site the board shows, when the monitor shows more than one. */
    function renderSite() {
      const node = document.getElementById('site-name');
      const several = (state.hello?.sites?.length ?? 1) > 1;
      node.hidden = !several;
      node.textContent = several ? t('siteName', { site: state.site }) : '';
    }

    /**
     * Today's figures start later than local midnight (the monitor attached then and nothing
     * earlier was imported): say from when, so nobody takes them for the whole day.
     */
    function renderCoverage() {
      const coverage = state.sections.coverage;
      const node = document.getElementById('coverage');
      const partial = coverage && !coverage.complete && coverage.from !== null;
      node.hidden = !partial;
      if (!partial) return;
      const time = clockText(new Date(coverage.from), state.timeZone, opts.lang, false);
      node.textContent = t('coverageSince', { time });
      node.title = t('coverageDetail', { time });
    }

    const client = new PushClient({
      subscription: {
        views,
        period: opts.period,
        ...(opts.site ? { site: opts.site } : {}),
        ...(opts.queues.length ? { queues: opts.queues } : {}),
        ...(opts.lines.length ? { lines: opts.lines } : {}),
        ...subscription,
      },
      onHello: (hello) => (state.hello = hello),
      onSnapshot: (data) => {
        state.everReceived = true;
        state.targets = data.targets;
        state.timeZone = data.timeZone;
        state.link = data.link;
        state.site = data.subscription.site;
        renderSite();
        state.sections = {};
        apply(data.sections, data.pbxAt);
        renderFreshness();
      },
      onUpdate: (data) => apply(data.sections, data.pbxAt),
      onAlarm: (transition) => onAlarm?.(transition),
      onLink: (link) => {
        state.link = link;
        renderFreshness();
      },
      onError: (error) => {
        if (error.code === 'UNAUTHORIZED') unauthorized = true;
        // ?queue=/?line= the PBX has not reported yet (fresh start), or the server's filter
        // bound reached: the subscription was refused as a whole; ask again in a while.
        if (error.code === 'UNKNOWN_FILTER' || error.code === 'TOO_MANY_FILTERS')
          setTimeout(() => client.resubscribe({}), 30_000);
        renderFreshness();
      },
      onStatus: (s) => {
        socketState = s;
        renderFreshness();
      },
    });

    for (const button of document.querySelectorAll('[data-period]')) {
      button.textContent = t(`period_${button.dataset.period}`);
      button.setAttribute('aria-pressed', String(button.dataset.period === opts.period));
      button.addEventListener('click', () => {
        client.resubscribe({ period: button.dataset.period });
        notePeriodInAddress(button.dataset.period);
        for (const b of document.querySelectorAll('[data-period]'))
          b.setAttribute('aria-pressed', String(b === button));
      });
    }

    client.start();
    const clock = () => {
      const now = new Date();
      document.getElementById('clock-time').textContent = clockText(now, state.timeZone, opts.lang);
      document.getElementById('clock-date').textContent = dateText(now, state.timeZone, opts.lang);
    };
    clock();
    setInterval(() => {
      clock();
      tick();
      renderFreshness();
    }, 500);
    return client;
  }

  return { opts, t, state, pbxNow, connect };
}
