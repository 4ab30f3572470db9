import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentPresence, CallEvent, TalkingCaller } from '@hotline/call-events';
import { call } from '../wallboard/call-events.builder';
import { type RunningMonitor, startMonitor } from '../wallboard/monitor-harness';
import { describeInBrowser, launchChromium } from '../support/chromium';

jest.setTimeout(180_000);

const ARTIFACTS = join(__dirname, '../../test-artifacts');
const LEADER_TOKEN = 'leader-token-for-the-leader-floor-test';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const AGENTS = 80;
const QUEUES = ['12345', '12345-en'];

const agentId = (n: number) => `PJSIP/${8000 + n}`;
const queueOf = (n: number) => [QUEUES[n % 4 === 0 ? 1 : 0]];

/** HH:mm in Shanghai (UTC+8, no DST) of `at`. */
const shanghaiClock = (at: number) => new Date(at + 8 * 60 * MINUTE).toISOString().slice(11, 16);

/**
 * The floor the PBX reports when the monitor attaches: 78 agents talking, idle, in wrap-up or
 * paused (2 and 3 talking for more than 5 minutes); agent 70 on a 12-minute break; 79 and 80
 * come later, each crossing a limit a few seconds after it appears.
 */
function floorAt(at: number): { agents: AgentPresence[]; talking: TalkingCaller[] } {
  const agents: AgentPresence[] = [];
  const talking: TalkingCaller[] = [];
  const talkSeconds: Record<number, number> = { 2: 420, 3: 900 };
  for (let n = 1; n <= AGENTS - 2; n++) {
    // Agent 70's break began before the attach: the PBX says when (below), not the view.
    if (n === 70) continue;
    const queues = queueOf(n);
    if (n <= 36) {
      const answeredAt = at - (talkSeconds[n] ?? 20 + n * 3) * SECOND;
      talking.push({
        callId: `live-${n}`,
        contactId: `live-contact-${n}`,
        queue: queues[0],
        agent: agentId(n),
        joinedAt: answeredAt - 5 * SECOND,
        answeredAt,
        waitSeconds: 5,
        times: 'ledger',
      });
      agents.push({ agent: agentId(n), state: 'on-call', queues });
    } else if (n <= 60) agents.push({ agent: agentId(n), state: 'available', queues });
    else if (n <= 68) agents.push({ agent: agentId(n), state: 'wrap-up', queues });
    else {
      const pauseReason = n === 77 ? '培训' : '小休';
      agents.push({ agent: agentId(n), state: 'paused', pauseReason, queues });
    }
  }
  return { agents, talking };
}

/** Answered and abandoned calls over the last 90 minutes, for the figures and the trend. */
function earlierCalls(now: number): CallEvent[] {
  const events: CallEvent[] = [];
  for (let i = 0; i < 60; i++) {
    const joined = now - 90 * MINUTE + i * 80 * SECOND;
    const id = `done-${i}`;
    const queue = QUEUES[i % 3 === 0 ? 1 : 0];
    events.push(call.joined(id, queue, joined));
    if (i % 9 === 4) events.push(call.abandoned(id, queue, 25, joined + 25 * SECOND));
    else {
      const agent = agentId(37 + (i % 20));
      const wait = 3 + (i % 5) * 4;
      const talk = 120 + (i % 7) * 40;
      events.push(
        call.answered(id, queue, agent, wait, joined + wait * SECOND),
        call.ended(id, queue, agent, talk, joined + (wait + talk) * SECOND),
      );
    }
  }
  return events;
}

// Code that runs in the page is given as strings: the project's TypeScript lib has no DOM.
const rowFlagged = (agent: string) =>
  `document.querySelector('.agent-columns tr[data-agent="${agent}"]')?.classList.contains('over-limit') === true`;
const seatFlagged = (agent: string) =>
  `document.querySelector('#seatmap .seat[data-agent="${agent}"]')?.classList.contains('over-limit') === true`;
const SHOWN_ROWS = `[...document.querySelectorAll('.agent-columns tbody tr')].map((tr) => ({ agent: tr.dataset.agent, state: tr.dataset.state, flag: tr.dataset.flag ?? null }))`;

interface ShownRow {
  agent: string;
  state: string;
  flag: string | null;
}

describeInBrowser('the leader acts on the floor (Chromium, 80 agents)', () => {
  let monitor: RunningMonitor;
  let browser: Browser;
  let attachedAt: number;
  const shifts = (() => {
    const now = Date.now();
    // Two shifts running now, started an hour apart: 本班次 alone would pick the later one.
    return [
      {
        name: '甲班',
        start: shanghaiClock(now - 3 * 60 * MINUTE),
        end: shanghaiClock(now + 5 * 60 * MINUTE),
      },
      {
        name: '乙班',
        start: shanghaiClock(now - 2 * 60 * MINUTE),
        end: shanghaiClock(now + 6 * 60 * MINUTE),
      },
    ];
  })();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    monitor = await startMonitor({
      kpi: { tickMs: 200, shifts },
      push: { cadenceMs: 1_000 },
      agents: { pauseReasons: { 小休: 'break', 培训: 'training', 会议: 'meeting' } },
      auth: { tokens: { leader: LEADER_TOKEN } },
    });
    attachedAt = Date.now();
    monitor.pbx.connect({ at: attachedAt, ...floorAt(attachedAt) });
    monitor.pbx.emit(...earlierCalls(attachedAt));
    // On a break since 12 minutes: past the default 10-minute limit from the start.
    monitor.pbx.emit(
      call.agent(agentId(70), 'paused', queueOf(70), '小休', attachedAt - 12 * MINUTE),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await monitor?.close();
  });

  /** A page (1920×1080 unless said); in `context`'s browser profile when given, else a fresh one. */
  const open = async (
    path: string,
    lang: 'zh' | 'en' = 'zh',
    context?: BrowserContext,
    viewport = { width: 1920, height: 1080 },
  ) => {
    const profile = context ?? (await browser.newContext({ viewport }));
    const page = await profile.newPage();
    const sep = path.includes('?') ? '&' : '?';
    await page.goto(`${monitor.baseUrl}${path}${sep}token=${LEADER_TOKEN}&lang=${lang}`);
    await page.waitForFunction(`document.getElementById('freshness').dataset.live === 'true'`);
    return page;
  };
  const rowsOf = (page: Page) => page.evaluate<ShownRow[]>(SHOWN_ROWS);

  it('flags a talk passing 5 minutes and a break passing its limit within 2 s, on the leader table and the seat map', async () => {
    const leader = await open('/leader');
    const wall = await open('/');
    // Agent 79 answered a call 4 min 53 s ago; agent 80 went on a break 9 min 53 s ago.
    const now = Date.now();
    const talkAnsweredAt = now - (5 * 60 - 7) * SECOND;
    const breakFrom = now - (10 * 60 - 7) * SECOND;
    monitor.pbx.emit(
      call.joined('late-talk', QUEUES[0], talkAnsweredAt - 4 * SECOND),
      call.answered('late-talk', QUEUES[0], agentId(79), 4, talkAnsweredAt),
      call.agent(agentId(79), 'on-call', queueOf(79), undefined, talkAnsweredAt),
      call.agent(agentId(80), 'paused', queueOf(80), '小休', breakFrom),
    );
    const talkCrossing = talkAnsweredAt + 300 * SECOND;
    const breakCrossing = breakFrom + 600 * SECOND;
    await leader.waitForFunction(
      `document.querySelector('.agent-columns tr[data-agent="${agentId(80)}"]') !== null`,
    );
    // Not before the limit…
    expect(Date.now()).toBeLessThan(talkCrossing - 1_000);
    for (const agent of [agentId(79), agentId(80)]) {
      expect(await leader.evaluate<boolean>(rowFlagged(agent))).toBe(false);
      expect(await wall.evaluate<boolean>(seatFlagged(agent))).toBe(false);
    }
    // …and within 2 s after it, on both screens.
    const seen = async (page: Page, check: string) => {
      await page.waitForFunction(check, undefined, { polling: 50, timeout: 20_000 });
      return Date.now();
    };
    const [leaderTalk, leaderBreak, wallTalk, wallBreak] = await Promise.all([
      seen(leader, rowFlagged(agentId(79))),
      seen(leader, rowFlagged(agentId(80))),
      seen(wall, seatFlagged(agentId(79))),
      seen(wall, seatFlagged(agentId(80))),
    ]);
    for (const [at, crossing] of [
      [leaderTalk, talkCrossing],
      [wallTalk, talkCrossing],
      [leaderBreak, breakCrossing],
      [wallBreak, breakCrossing],
    ]) {
      expect(at - crossing).toBeGreaterThan(-200);
      expect(at - crossing).toBeLessThanOrEqual(2_000);
    }
    const flags = Object.fromEntries((await rowsOf(leader)).map((r) => [r.agent, r.flag]));
    expect(flags[agentId(79)]).toBe('long-talk');
    expect(flags[agentId(80)]).toBe('long-pause');
    // Talking over 5 minutes since the attach, a 12-minute break: flagged; a 40-s talk and a
    // 10-s break are not, nor is training (an hour's limit).
    expect([flags[agentId(2)], flags[agentId(3)], flags[agentId(70)]]).toEqual([
      'long-talk',
      'long-talk',
      'long-pause',
    ]);
    expect([flags[agentId(1)], flags[agentId(69)], flags[agentId(77)]]).toEqual([null, null, null]);
    await wall.screenshot({ path: join(ARTIFACTS, 'wallboard-flags-zh-1920x1080.png') });
    await wall.close();
    await leader.close();
  });

  it('fits 80 agents on 1920×1080 (and 4K) without scrolling, the other panels in view', async () => {
    for (const [lang, width, height] of [
      ['zh', 1920, 1080],
      ['en', 1920, 1080],
      ['zh', 3840, 2160],
    ] as const) {
      const page = await open('/leader', lang, undefined, { width, height });
      await page.waitForFunction(
        `document.querySelectorAll('.agent-columns tbody tr').length === ${AGENTS}`,
      );
      await page.waitForFunction(`document.querySelector('#trend svg') !== null`);
      const layout = await page.evaluate<{
        scrollHeight: number;
        innerHeight: number;
        rowsInView: number;
        columnsClipped: boolean;
        panelsInView: string[];
      }>(`(() => {
        const box = document.querySelector('.agent-columns');
        const frame = box.getBoundingClientRect();
        const rows = [...document.querySelectorAll('.agent-columns tbody tr')];
        const inView = (r) => r.top >= 0 && r.bottom <= innerHeight && r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1;
        // The alarms panel scrolls a long list inside itself: it and its first alarm in view.
        const panels = ['tiles', 'staffing', 'trend', 'waiting-table', 'alarms-title', 'first-alarm'];
        document.querySelector('#alarms-active li').id = 'first-alarm';
        return {
          scrollHeight: document.documentElement.scrollHeight,
          innerHeight,
          rowsInView: rows.filter((tr) => inView(tr.getBoundingClientRect())).length,
          columnsClipped: box.scrollHeight > box.clientHeight,
          panelsInView: panels.filter((id) => {
            const r = document.getElementById(id).getBoundingClientRect();
            const panel = document.getElementById(id).closest('section').getBoundingClientRect();
            return r.height > 0 && r.top >= panel.top && r.bottom <= Math.min(panel.bottom, innerHeight);
          }),
        };
      })()`);
      await page.screenshot({
        path: join(ARTIFACTS, `leader-80-agents-flags-${lang}-${width}x${height}.png`),
      });
      expect(layout.scrollHeight).toBeLessThanOrEqual(layout.innerHeight);
      expect(layout.rowsInView).toBe(AGENTS);
      expect(layout.columnsClipped).toBe(false);
      expect(layout.panelsInView).toEqual([
        'tiles',
        'staffing',
        'trend',
        'waiting-table',
        'alarms-title',
        'first-alarm',
      ]);
      // The dashed target lines say their values.
      const targetLabels = await page.locator('#trend .target-label').allTextContents();
      expect(targetLabels.join(' ')).toMatch(/95%.*80%.*36%/);
      await page.close();
    }
  });

  it('sorts by a click on a heading and filters by state, queue and flag', async () => {
    const page = await open('/leader');
    await page.waitForFunction(
      `document.querySelectorAll('.agent-columns tbody tr').length === ${AGENTS}`,
    );
    const ids = async () => (await rowsOf(page)).map((r) => r.agent);
    const numeric = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

    await page.locator('#agents-table th[data-sort="agent"]').click();
    const ascending = await ids();
    expect(ascending).toEqual([...ascending].sort(numeric));
    expect(ascending).toHaveLength(AGENTS);
    await page.locator('#agents-table th[data-sort="agent"]').click();
    expect(await ids()).toEqual([...ascending].reverse());
    // Longest in state first: the 15-minute talk, then the 12-minute break.
    await page.locator('#agents-table th[data-sort="timeInState"]').click();
    expect((await ids()).slice(0, 2)).toEqual([agentId(3), agentId(70)]);

    await page.selectOption('#filter-state', 'paused');
    const paused = await rowsOf(page);
    expect(paused.length).toBe(AGENTS - 69);
    expect(paused.every((r) => r.state === 'paused')).toBe(true);
    await page.selectOption('#filter-state', '');

    await page.selectOption('#filter-queue', '12345-en');
    const english = await ids();
    expect(english.sort(numeric)).toEqual(
      Array.from({ length: AGENTS / 4 }, (_, i) => agentId(4 * (i + 1))),
    );
    await page.selectOption('#filter-queue', '');

    await page.selectOption('#filter-flag', 'long-talk');
    const longTalks = await rowsOf(page);
    expect(longTalks.map((r) => r.agent).sort(numeric)).toEqual([
      agentId(2),
      agentId(3),
      agentId(79),
    ]);
    expect(longTalks.every((r) => r.flag === 'long-talk')).toBe(true);
    await page.selectOption('#filter-flag', 'any');
    expect((await ids()).sort(numeric)).toEqual([2, 3, 70, 79, 80].map(agentId));
    await page.close();
  });

  it('lets the leader choose among overlapping shifts, in the address and kept for the next visit', async () => {
    const page = await open('/leader');
    const chooser = page.locator('.shift-choice');
    await page.waitForFunction(`!document.querySelector('.shift-choice').hidden`);
    expect(await page.locator('#shift-choice option').allTextContents()).toEqual([
      expect.stringMatching(/^甲班 /),
      expect.stringMatching(/^乙班 /),
    ]);
    // Without a choice, 本班次 is the shift that started last.
    await page.waitForFunction(
      `document.getElementById('period-label').textContent.includes('乙班')`,
    );
    expect(await chooser.isVisible()).toBe(true);

    await page.selectOption('#shift-choice', '甲班');
    await page.waitForFunction(
      `document.getElementById('period-label').textContent.includes('甲班')`,
    );
    expect(new URL(page.url()).searchParams.get('shift')).toBe('甲班');
    // The trend spans the chosen shift, not the day.
    const span = await page.evaluate<[number, number]>(
      `(() => { const svg = document.querySelector('#trend svg'); return [Number(svg.dataset.xFrom), Number(svg.dataset.xTo)]; })()`,
    );
    expect(span[1] - span[0]).toBe(8 * 60 * MINUTE);
    expect(shanghaiClock(span[0])).toBe(shifts[0].start);
    await page.screenshot({ path: join(ARTIFACTS, 'leader-shift-chooser-zh-1920x1080.png') });

    // The next visit without ?shift= keeps the choice.
    const again = await open('/leader', 'zh', page.context());
    await again.waitForFunction(
      `document.getElementById('period-label').textContent.includes('甲班')`,
    );
    expect(await again.locator('#shift-choice').inputValue()).toBe('甲班');
    await again.close();
    await page.close();
  });
});
