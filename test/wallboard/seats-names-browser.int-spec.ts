import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PbxSimulator } from '@hotline/simulator';
import { call } from './call-events.builder';
import { startMonitor, type RunningMonitor } from './monitor-harness';
import { CHROMIUM, describeInBrowser } from '../support/chromium';

jest.setTimeout(180_000);

const ARTIFACTS = join(__dirname, '../../test-artifacts');
const AMI = { username: 'monitor', secret: 'seats-names-test-secret' };
const LINES = { '12345': '12345 政务服务', '12315': '消费者投诉', '12369': '环保举报' };

/** The small-demo centre's 12 agents (MemberName agent101…agent112) and their names. */
const NAMES = ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十', '冯一', '陈二'];
/** Ten desks in two rows with an aisle at column 4, two free desks, and a third row. */
const PLACES = [
  ...[1, 2, 3, 5, 6, 7].map((col, i) => ({ seat: i + 1, row: 1, col })),
  ...[1, 2, 3, 5].map((col, i) => ({ seat: i + 7, row: 2, col })),
].map((place, i) => ({
  ...place,
  agent: `agent${101 + i}`,
  name: NAMES[i],
  staffNo: `A${String(i + 1).padStart(3, '0')}`,
}));
const SEATS = {
  places: [
    ...PLACES,
    { seat: 11, row: 2, col: 6 },
    { seat: 12, row: 2, col: 7 },
    { seat: 13, row: 3, col: 1 },
    { seat: 14, row: 3, col: 2 },
  ],
  people: [
    { agent: 'agent111', name: '褚十一', staffNo: 'B011' },
    { agent: 'agent112', name: '卫十二', staffNo: 'B012' },
  ],
};

const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];

/** Every seat cell: its grid place, agent and the text it shows. */
const readSeats = (page: Page) =>
  page.evaluate<{ row: string; col: string; agent: string; name: string }[]>(`
    [...document.querySelectorAll('#seatmap .seat')].map((n) => ({
      row: n.style.gridRowStart, col: n.style.gridColumnStart,
      agent: n.dataset.agent, name: n.querySelector('.seat-id').textContent,
    }))`);

/** Visible text nodes with their computed font size (px) and, for checks, their text. */
const VISIBLE_TEXT = `(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || !parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    out.push({ text, px: parseFloat(getComputedStyle(parent).fontSize), where: parent.className || parent.tagName });
  }
  return out;
})()`;

/** Latin words a Chinese board may show: the line codes' digits aside, units and ids it names. */
const LATIN_ALLOWED = new Set(['Erl', 'Erlang', 'English']);

describeInBrowser('seats, names and Chinese on the wallboard (monitor + simulator)', () => {
  let simulator: PbxSimulator;
  let monitor: RunningMonitor;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    simulator = await PbxSimulator.start({
      scenario: 'small-demo',
      seed: 20261206,
      speed: 3,
      ami: { host: '127.0.0.1', port: 0, ...AMI, timestampEvents: true },
    });
    monitor = await startMonitor(
      {
        pbx: { type: 'asterisk', asterisk: { host: '127.0.0.1', port: simulator.port, ...AMI } },
        push: { cadenceMs: 1_000 },
        lines: LINES,
        seats: SEATS,
        agents: { pauseReasons: { break: 'break', training: 'training', meeting: 'meeting' } },
      },
      undefined,
      { realPbx: true },
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await monitor?.close();
    await simulator?.stop().catch(() => undefined);
  });

  it('puts every named agent at its configured place, tells queues from lines, and writes only Chinese at 20 px or more', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${monitor.baseUrl}/?kiosk=1`);
    await page.waitForFunction(
      `document.querySelectorAll('#seatmap .seat:not(.state-logged-out)').length >= 8`,
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForFunction(`document.querySelectorAll('#scopes .scope-line').length > 0`);

    // Named agents sit at their desks' row and column, shown by name.
    const seats = await readSeats(page);
    expect(seats).toHaveLength(SEATS.places.length);
    for (const place of PLACES) {
      const cell = seats.find((s) => s.row === String(place.row) && s.col === String(place.col));
      expect(cell?.name).toBe(place.name);
      if (cell?.agent) expect(cell.agent).toBe(place.agent);
    }
    // The aisle (column 4) has no cell; the hot-desk agents are named where they sit.
    expect(seats.filter((s) => s.col === '4')).toEqual([]);
    for (const s of seats.filter((s) => s.agent === 'agent111' || s.agent === 'agent112'))
      expect(s.name).toBe(s.agent === 'agent111' ? '褚十一' : '卫十二');

    // Queue and line cards: labelled apart, lines by their configured names, no bare codes.
    const scopes = await page.evaluate<{ kind: string; badge: string; name: string }[]>(`
      [...document.querySelectorAll('#scopes .scope')].map((n) => ({
        kind: n.dataset.kind,
        badge: n.querySelector('.scope-kind').textContent,
        name: n.querySelector('.scope-name span:last-child').textContent,
      }))`);
    expect(scopes.filter((s) => s.kind === 'queue').every((s) => s.badge === '队列')).toBe(true);
    const lines = scopes.filter((s) => s.kind === 'line');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.badge).toBe('热线');
      expect(Object.values(LINES)).toContain(line.name);
    }

    const texts = await page.evaluate<{ text: string; px: number; where: string }[]>(VISIBLE_TEXT);
    expect(texts.length).toBeGreaterThan(50);
    const small = texts.filter((t) => t.px < 20);
    expect(small).toEqual([]);
    // Queue ids are the PBX's own names ("12345-en"): shown as configured, like agent ids.
    const queueIds = await page.evaluate<string[]>(
      `[...document.querySelectorAll('#scopes .scope-queue')].map((n) => n.dataset.id)`,
    );
    const latin = texts
      .filter((t) => !queueIds.includes(t.text))
      .flatMap((t) => (t.text.match(/[A-Za-z]+/g) ?? []).map((word) => `${word} (${t.where})`))
      .filter((w) => !LATIN_ALLOWED.has(w.split(' ')[0]));
    expect(latin).toEqual([]);
    // Any pause on the floor reads in Chinese (the scripted floor below checks one of each).
    for (const reason of await page
      .locator('#seatmap .seat.state-paused .seat-reason')
      .allTextContents())
      expect(['小休', '培训', '会议', '其他暂停']).toContain(reason);

    // The favicon: linked from the page and served (an SVG), and at /favicon.ico.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    for (const path of [icon, '/favicon.ico']) {
      const res = await fetch(`${monitor.baseUrl}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(await res.text()).toContain('<svg');
    }

    await page.screenshot({ path: join(ARTIFACTS, 'wallboard-seats-zh-1920x1080.png') });
    const en = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await en.goto(`${monitor.baseUrl}/?lang=en&kiosk=1`);
    await en.waitForFunction(`document.querySelectorAll('#scopes .scope-line').length > 0`);
    expect(await en.locator('#scopes .scope-line .scope-kind').first().textContent()).toBe('Line');
    await en.screenshot({ path: join(ARTIFACTS, 'wallboard-seats-en-1920x1080.png') });
    const big = await browser.newPage({ viewport: { width: 3840, height: 2160 } });
    await big.goto(`${monitor.baseUrl}/?kiosk=1`);
    await big.waitForFunction(`document.querySelectorAll('#scopes .scope-line').length > 0`);
    await big.screenshot({ path: join(ARTIFACTS, 'wallboard-seats-zh-3840x2160.png') });
    await Promise.all([page.close(), en.close(), big.close()]);
  });
});

describeInBrowser(
  'seats, pauses and small samples on a scripted floor (monitor, scripted PBX)',
  () => {
    const LEADER_TOKEN = 'leader-token-for-seats-names';
    let monitor: RunningMonitor;
    let browser: Browser;

    beforeAll(async () => {
      monitor = await startMonitor({
        push: { cadenceMs: 200 },
        auth: { tokens: { leader: LEADER_TOKEN } },
        seats: {
          places: [
            { seat: 1, row: 1, col: 1 },
            { seat: 2, row: 1, col: 2 },
            { seat: 3, row: 1, col: 3 },
            { seat: 4, row: 1, col: 4 },
            { seat: 5, row: 2, col: 1, agent: '2001', name: '张三', staffNo: 'A012' },
            { seat: 6, row: 2, col: 2, agent: '2002', name: '李四', staffNo: 'A013' },
          ],
        },
        agents: { pauseReasons: { break: 'break' } },
      });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
    });

    afterAll(async () => {
      await browser?.close();
      await monitor?.close();
    });

    it('leaves the cell of an agent who logged out empty, gives a newcomer another, and seats the agent back in it', async () => {
      const presence = (agent: string) => ({
        agent,
        state: 'available' as const,
        queues: ['12345'],
      });
      monitor.pbx.connect({ agents: ['1001', '1002', '1003', '2001'].map(presence) });
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${monitor.baseUrl}/`);
      const cellOf = (agent: string) =>
        page.evaluate<string | null>(`(() => {
        const n = document.querySelector('#seatmap .seat[data-agent="${agent}"]');
        return n ? n.style.gridRowStart + ',' + n.style.gridColumnStart : null;
      })()`);
      const shown = (agent: string) =>
        `document.querySelector('#seatmap .seat[data-agent="${agent}"]') !== null`;
      await page.waitForFunction(shown('1003'));
      const before = await cellOf('1001');
      expect(before).toBe('1,1');
      // 张三 at his own desk; 李四's desk empty but named.
      expect(await cellOf('2001')).toBe('2,1');
      expect(await page.locator('#seatmap .seat[data-seat="6"] .seat-id').textContent()).toBe(
        '李四',
      );

      const change = (agent: string, state: 'logged-out' | 'available') =>
        monitor.pbx.emit(call.agent(agent, state, ['12345']));
      change('1001', 'logged-out');
      await page.waitForFunction(`!(${shown('1001')})`);
      // Nobody moved up into the empty cell.
      expect(await cellOf('1002')).toBe('1,2');
      change('1000', 'available');
      await page.waitForFunction(shown('1000'));
      expect(await cellOf('1000')).toBe('1,4');
      change('1001', 'available');
      await page.waitForFunction(shown('1001'));
      expect(await cellOf('1001')).toBe(before);
      expect(await cellOf('1002')).toBe('1,2');
      await page.close();
    });

    it("says what a pause is in the board's language, and shows a rate over few calls neutral with its count", async () => {
      monitor.pbx.emit(
        call.agent('2001', 'paused', ['12345'], 'break'),
        call.agent('1002', 'paused', ['12345'], 'lunch'),
        call.joined('few-1', '12345'),
        call.joined('few-2', '12345'),
        call.joined('few-3', '12345'),
        call.abandoned('few-1', '12345', 1),
        call.abandoned('few-2', '12345', 1),
      );
      const open = async (lang: string) => {
        const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
        await page.goto(`${monitor.baseUrl}/?lang=${lang}`);
        await page.waitForFunction(
          `document.querySelectorAll('#seatmap .seat.state-paused').length === 2 && document.querySelector('[data-value="offered"]').textContent === '3'`,
        );
        const reason = (agent: string) =>
          page.locator(`#seatmap .seat[data-agent="${agent}"] .seat-reason`).textContent();
        return {
          page,
          reasons: [await reason('2001'), await reason('1002')],
          rateStatus: await page.locator('[data-tile="answerRate"]').getAttribute('data-status'),
          rateSub: await page.locator('[data-tile="answerRate"] .sub').textContent(),
          scopeStatus: await page.locator('#scopes .scope-queue').getAttribute('data-status'),
          lostStatus: await page.locator('[data-tile="unanswered"]').getAttribute('data-status'),
        };
      };
      const zh = await open('zh');
      expect(zh.reasons).toEqual(['小休', '其他暂停']);
      // 0 % over the 2 finished calls (few-3 still waits), below alarms.minSample (20): neither
      // red nor green, its count shown.
      expect(zh.rateStatus).toBe('none');
      expect(zh.rateSub).toContain('仅 2 通，不评判');
      expect(zh.scopeStatus).toBe('none');
      expect(zh.lostStatus).toBe('none');
      const texts = await zh.page.evaluate<{ text: string; px: number }[]>(VISIBLE_TEXT);
      expect(texts.filter((t) => t.px < 20)).toEqual([]);
      // The agents' ids are digits here; the one Latin word is the switch to English.
      const latin = texts.filter((t) => /[A-Za-z]/.test(t.text)).map((t) => t.text);
      expect(latin).toEqual(['English']);
      await zh.page.close();
      const en = await open('en');
      expect(en.reasons).toEqual(['break', 'lunch']);
      expect(en.rateSub).toContain('only 2 calls, not judged');
      await en.page.close();
    });

    it("names the agents in the leader's table", async () => {
      const leader = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await leader.goto(`${monitor.baseUrl}/leader?token=${LEADER_TOKEN}`);
      await leader.waitForFunction(
        `document.querySelector('#agents-table td.agent-name[data-agent="2001"] .name') !== null`,
      );
      const cell = leader.locator('#agents-table td.agent-name[data-agent="2001"]');
      expect(await cell.locator('.name').textContent()).toBe('张三');
      expect(await cell.locator('.agent-id').textContent()).toBe('A012 · 2001');
      expect(
        await leader.locator('#agents-table td.agent-name[data-agent="1002"]').textContent(),
      ).toBe('1002');
      await leader.close();
    });
  },
);
