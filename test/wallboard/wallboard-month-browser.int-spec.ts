import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PbxSimulator } from '@hotline/simulator';
import type { MonthOnTheWall } from '@hotline/reports';
import { startMonitor, type RunningMonitor } from './monitor-harness';
import { CHROMIUM, describeInBrowser } from '../support/chromium';

jest.setTimeout(240_000);

const ARTIFACTS = join(__dirname, '../../test-artifacts');
const WALLBOARD_TOKEN = 'wallboard-token-for-the-month-test';
const AMI = { username: 'monitor', secret: 'month-test-secret' };

// Code that runs in the page is given as strings: the project's TypeScript lib has no DOM.
const MONTH_SHOWN = `document.body.dataset.period === 'month'
  && getComputedStyle(document.getElementById('month-panel')).display !== 'none'
  && document.querySelector('[data-value="monthProjectedPoints"]') !== null
  && document.querySelectorAll('#month-peaks tr[data-peak]').length > 0`;
const TODAY_SHOWN = `document.body.dataset.period === 'today'
  && getComputedStyle(document.getElementById('month-panel')).display === 'none'
  && getComputedStyle(document.querySelector('.seatmap-panel')).display !== 'none'`;
/** Notes every change of the board's period with the page's clock. */
const RECORD_PERIODS = `(() => {
  window.__periods = [{ at: Date.now(), period: document.body.dataset.period }];
  new MutationObserver(() => {
    const period = document.body.dataset.period;
    if (window.__periods[window.__periods.length - 1].period !== period)
      window.__periods.push({ at: Date.now(), period });
  }).observe(document.body, { attributes: true, attributeFilter: ['data-period'] });
})()`;
/** Month cards whose last line does not show whole (cut by the card or the screen). */
const CLIPPED_CARDS = `[...document.querySelectorAll('.month-card')]
  .filter((card) => {
    const last = card.querySelector('.month-card-body').lastElementChild;
    const bottom = last.getBoundingClientRect().bottom;
    return bottom > card.getBoundingClientRect().bottom || bottom > window.innerHeight;
  })
  .map((card) => card.id)`;
/** The month panel's smallest text in CSS px (none may be under 20 at 1080p). */
const SMALLEST_TEXT = `(() => {
  let smallest = { px: Infinity, text: '' };
  const walker = document.createTreeWalker(document.getElementById('month-panel'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent.offsetParent) continue;
    const px = parseFloat(getComputedStyle(parent).fontSize);
    if (px < smallest.px) smallest = { px, text: node.textContent.trim() };
  }
  return smallest;
})()`;

interface MonthPanel {
  tileLabels: Record<string, string>;
  offered: string;
  volumeCard: string;
  projection: { total: string; note: string; rows: string[] };
  peaks: { interval: string; lost: string; rate: string; agents: string }[];
}

const readMonthPanel = (page: Page) =>
  page.evaluate<MonthPanel>(`(() => {
    const text = (selector) => document.querySelector(selector)?.textContent ?? '';
    const tileLabels = {};
    for (const tile of document.querySelectorAll('#tiles .tile'))
      tileLabels[tile.dataset.tile] = tile.querySelector('.label').textContent;
    return {
      tileLabels,
      offered: text('[data-value="offered"]'),
      volumeCard: text('#month-volume'),
      projection: {
        total: text('[data-value="monthProjectedPoints"]'),
        note: text('[data-value="monthProjectionNote"]'),
        rows: [...document.querySelectorAll('#month-projection tr')].map((r) => r.textContent),
      },
      peaks: [...document.querySelectorAll('#month-peaks tr[data-peak]')].map((r) => {
        const cells = [...r.querySelectorAll('td')].map((c) => c.textContent);
        return { interval: cells[0], lost: cells[1], rate: cells[2], agents: cells[3] };
      }),
    };
  })()`);

describeInBrowser('wallboard month view in Chromium (monitor + simulator)', () => {
  let simulator: PbxSimulator;
  let monitor: RunningMonitor;
  let browser: Browser;

  /** What the page's month panel got from the server, asked the same way. */
  const monthSummary = async (): Promise<MonthOnTheWall> => {
    const response = await fetch(`${monitor.baseUrl}/api/v1/month`, {
      headers: { Authorization: `Bearer ${WALLBOARD_TOKEN}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as MonthOnTheWall;
  };

  const open = async (query: string, width = 1920, height = 1080): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${monitor.baseUrl}/?token=${WALLBOARD_TOKEN}&${query}`);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Short of staff: callers give up, so the month has lost calls in its 15-minute intervals.
    simulator = await PbxSimulator.start({
      scenario: 'short-staffed-acw',
      seed: 20261206,
      speed: 4,
      ami: { host: '127.0.0.1', port: 0, ...AMI, timestampEvents: true },
    });
    monitor = await startMonitor(
      {
        pbx: { type: 'asterisk', asterisk: { host: '127.0.0.1', port: simulator.port, ...AMI } },
        push: { cadenceMs: 1_000 },
        auth: { tokens: { wallboard: WALLBOARD_TOKEN }, wallboardPublic: false },
        agents: { pauseReasons: { 话后: 'after-call-work' } },
      },
      undefined,
      { realPbx: true },
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    // The month view needs stored calls with loss: wait for the first lost call to be stored.
    const until = Date.now() + 150_000;
    while ((await monthSummary()).peakLoss.length === 0) {
      if (Date.now() > until) throw new Error('no stored lost call within 150 s');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await monitor?.close();
    await simulator?.stop().catch(() => undefined);
  });

  it('shows the month to date, offered against the target, peak-hour loss and the projection (zh, en, 4K)', async () => {
    const page = await open('period=month');
    await page.waitForFunction(MONTH_SHOWN, undefined, { timeout: 30_000 });
    const summary = await monthSummary();
    const panel = await readMonthPanel(page);

    // Every tile counted over the period says so; the satisfaction tile too (not 今日).
    expect(panel.tileLabels).toMatchObject({
      offered: '本月话务量',
      answerRate: '本月话务接通率',
      answeredIn10sRate: '本月热线10秒接通率',
      overFiveMinuteRate: '本月超5分钟通话率',
      unanswered: '本月呼损',
      satisfactionToday: '本月满意率',
      waiting: '当前排队',
    });
    expect(await page.locator('#period-label').textContent()).toBe('本月');
    expect(Number(panel.offered)).toBeGreaterThan(0);
    // The month's calls against kpi.targets.monthlyOffered, pro rata and projected.
    expect(summary.monthlyOffered).toBe(monitor.config.kpi.targets.monthlyOffered);
    expect(panel.volumeCard).toContain(`月目标 ${summary.monthlyOffered}`);
    expect(panel.volumeCard).toContain(`按进度应达 ${summary.offeredTargetToDate}`);
    const projection = summary.projection!;
    expect(projection).not.toBeNull();
    expect(panel.volumeCard).toContain(`月末预测 ${projection.projected.offered}`);
    // The projection says it is one, with its points per indicator and in all.
    expect(panel.projection.total).toBe(
      `预计 ${Math.round(projection.score.points * 100) / 100} / ${projection.score.maxPoints} 分`,
    );
    expect(panel.projection.note).toMatch(/^预测：按本月已过 \d+% 的数据外推至月末，非实际值$/);
    expect(panel.projection.rows).toHaveLength(5);
    expect(panel.projection.rows[0]).toContain(`话务量${projection.projected.offered}`);
    // 高峰期呼损: the month's intervals with the most loss, as the server ranked them.
    expect(panel.peaks.length).toBeGreaterThan(0);
    expect(panel.peaks.length).toBeLessThanOrEqual(5);
    const top = summary.peakLoss[0];
    expect(panel.peaks[0]).toEqual({
      interval: top.label.slice(5),
      lost: `${top.lost} / ${top.offered}`,
      rate: `${((top.lossRate ?? 0) * 100).toFixed(1)}%`,
      agents: String(top.agentsOnDuty),
    });
    // Readable at 3 m: no text under 20 px at 1080p.
    const smallest = await page.evaluate<{ px: number; text: string }>(SMALLEST_TEXT);
    expect(smallest.text).not.toBe('');
    process.stdout.write(`month panel smallest text: ${JSON.stringify(smallest)}\n`);
    expect(smallest.px).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard-month-zh-1920x1080.png') });
    expect(await page.evaluate<string[]>(CLIPPED_CARDS)).toEqual([]);

    const en = await open('period=month&lang=en');
    await en.waitForFunction(MONTH_SHOWN, undefined, { timeout: 30_000 });
    const enPanel = await readMonthPanel(en);
    expect(enPanel.tileLabels.offered).toBe('Calls offered · month');
    expect(enPanel.tileLabels.satisfactionToday).toBe('Satisfaction · month');
    expect(enPanel.volumeCard).toContain(`Monthly target ${summary.monthlyOffered}`);
    expect(enPanel.projection.note).toMatch(
      /^Projection: the \d+% of the month gone, extrapolated$/,
    );
    expect((await en.evaluate<{ px: number }>(SMALLEST_TEXT)).px).toBeGreaterThanOrEqual(20);
    await en.screenshot({ path: join(ARTIFACTS, 'wallboard-month-en-1920x1080.png') });
    expect(await en.evaluate<string[]>(CLIPPED_CARDS)).toEqual([]);
    await en.close();

    const big = await open('period=month&kiosk=1', 3840, 2160);
    await big.waitForFunction(MONTH_SHOWN, undefined, { timeout: 30_000 });
    await big.screenshot({ path: join(ARTIFACTS, 'wallboard-month-zh-3840x2160.png') });
    expect(await big.evaluate<string[]>(CLIPPED_CARDS)).toEqual([]);
    await big.close();
    await page.close();
  });

  it('switches between today and the month with the 今日 / 本月 buttons, and keeps it in the address', async () => {
    const page = await open('');
    await page.waitForFunction(TODAY_SHOWN, undefined, { timeout: 30_000 });
    expect(await page.locator('[data-tile="offered"] .label').textContent()).toBe('今日话务量');
    const monthButton = page.locator('button[data-period="month"]');
    expect(await monthButton.textContent()).toBe('本月');
    await monthButton.click();
    await page.waitForFunction(MONTH_SHOWN, undefined, { timeout: 30_000 });
    expect(await monthButton.getAttribute('aria-pressed')).toBe('true');
    expect(new URL(page.url()).searchParams.get('period')).toBe('month');
    await page.locator('button[data-period="today"]').click();
    await page.waitForFunction(TODAY_SHOWN, undefined, { timeout: 30_000 });
    expect(await page.locator('[data-tile="satisfactionToday"] .label').textContent()).toBe(
      '今日满意率',
    );
    expect(new URL(page.url()).searchParams.get('period')).toBe('today');
    await page.close();
  });

  it('alternates today and the month every rotateSeconds with ?rotate=today,month', async () => {
    const page = await open('kiosk=1&rotate=today,month&rotateSeconds=5');
    await page.waitForFunction(TODAY_SHOWN, undefined, { timeout: 30_000 });
    await page.evaluate(RECORD_PERIODS);
    await page.waitForFunction(MONTH_SHOWN, undefined, { timeout: 15_000 });
    await page.waitForFunction(
      `window.__periods.filter((p) => p.period === 'today').length >= 2`,
      undefined,
      {
        timeout: 15_000,
      },
    );
    await page.waitForFunction(`window.__periods.length >= 4`, undefined, { timeout: 15_000 });
    const periods = await page.evaluate<{ at: number; period: string }[]>('window.__periods');
    process.stdout.write(`rotation: ${JSON.stringify(periods)}\n`);
    expect(periods.slice(0, 4).map((p) => p.period)).toEqual(['today', 'month', 'today', 'month']);
    // Each view stays about 5 s (the switch waits for the server's snapshot: a little more).
    for (let i = 2; i < 4; i++) {
      const shown = periods[i].at - periods[i - 1].at;
      expect(shown).toBeGreaterThan(4_000);
      expect(shown).toBeLessThan(7_000);
    }
    await page.close();
  });
});
