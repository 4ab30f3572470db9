import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PbxSimulator } from '@hotline/simulator';
import { AmiObserver } from './ami-observer';
import { call } from './call-events.builder';
import { startMonitor, type RunningMonitor } from './monitor-harness';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI)
  throw new Error(`${CHROMIUM} missing: .ci/run installs Debian's chromium`);
if (!haveChromium)
  console.warn(`${CHROMIUM} not installed: skipping the browser tests (CI runs them)`);
const describeInBrowser = haveChromium ? describe : describe.skip;

jest.setTimeout(180_000);

const ARTIFACTS = join(__dirname, '../../test-artifacts');
const LEADER_TOKEN = 'leader-token-for-the-browser-test';
const AMI = { username: 'monitor', secret: 'browser-test-secret' };

// Code that runs in the page is given as strings: the project's TypeScript lib has no DOM.
const OFFERED_POSITIVE = `Number(document.querySelector('[data-value="offered"]')?.textContent) > 0`;
const STALE_BANNER_SHOWN = `!document.getElementById('stale-banner').hidden`;
/** Notes every change of the 话务量 number with the page's clock (same machine clock as ours). */
const RECORD_OFFERED_CHANGES = `(() => {
  const target = document.querySelector('[data-value="offered"]');
  window.__offered = [{ at: Date.now(), text: target.textContent ?? '' }];
  new MutationObserver(() => window.__offered.push({ at: Date.now(), text: target.textContent ?? '' }))
    .observe(target, { childList: true, characterData: true, subtree: true });
})()`;

const STAFFING_SHOWN = `document.querySelector('[data-value="staffingNeeded"]') !== null`;

interface StaffingTile {
  status: string;
  text: string;
  needed: number;
  onDuty: number;
  gap: string | null;
}

/** The leader page's needed-vs-on-duty tile, read in the page. */
const readStaffingTile = (page: Page) =>
  page.evaluate<StaffingTile>(`(() => {
    const tile = document.getElementById('staffing');
    const n = (key) => Number(tile.querySelector('[data-value="' + key + '"]').textContent);
    return {
      status: tile.dataset.status,
      text: tile.querySelector('.value').textContent,
      needed: n('staffingNeeded'),
      onDuty: n('staffingOnDuty'),
      gap: tile.querySelector('[data-value="staffingGap"]')?.textContent ?? null,
    };
  })()`);

/** Text of a tile's number on the page. */
const tileValue = (page: Page, id: string) =>
  page.locator(`[data-value="${id}"]`).first().textContent();

describeInBrowser('wallboard in Chromium (monitor + simulator)', () => {
  let simulator: PbxSimulator;
  let monitor: RunningMonitor;
  let browser: Browser;
  let observer: AmiObserver;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    simulator = await PbxSimulator.start({
      scenario: 'small-demo',
      seed: 20260310,
      speed: 3,
      ami: { host: '127.0.0.1', port: 0, ...AMI, timestampEvents: true },
    });
    observer = await AmiObserver.login(simulator.port, AMI.username, AMI.secret);
    monitor = await startMonitor(
      {
        pbx: { type: 'asterisk', asterisk: { host: '127.0.0.1', port: simulator.port, ...AMI } },
        push: { cadenceMs: 1_000 },
        auth: { tokens: { leader: LEADER_TOKEN } },
        lines: { '12345': '12345 政务服务', '12315': '消费者投诉', '12369': '环保举报' },
      },
      undefined,
      { realPbx: true },
    );
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    observer?.close();
    await browser?.close();
    await monitor?.close();
    await simulator?.stop().catch(() => undefined);
  });

  it('fills the tiles and the seat map, follows the simulator within 2 s, then shows the stale warning', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${monitor.baseUrl}/?kiosk=1`);
    await page.waitForFunction(`document.querySelectorAll('#seatmap .seat').length === 58`);
    // The simulator's agents log in and take calls: seats show states, tiles show numbers.
    await page.waitForFunction(
      `document.querySelectorAll('#seatmap .seat:not(.state-logged-out)').length > 0`,
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForFunction(OFFERED_POSITIVE, undefined, {
      timeout: 60_000,
    });
    expect(await tileValue(page, 'answerRate')).toMatch(/%|—/);
    expect(await page.locator('#freshness').getAttribute('data-live')).toBe('true');
    expect(await page.locator('#stale-banner').isHidden()).toBe(true);
    // The monitor attached to a PBX already running today: the board says from when it counts.
    const coveredFrom = monitor.live.snapshot().coverage.from ?? 0;
    const attachedAt = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(coveredFrom);
    await page.waitForFunction(`!document.getElementById('coverage').hidden`);
    expect(await page.locator('#coverage').textContent()).toBe(`数据自 ${attachedAt} 起`);

    // Record every change of the 话务量 number, timed in the page.
    await page.evaluate(RECORD_OFFERED_CHANGES);
    const since = Date.now();
    let callerJoin: { at: number } | undefined;
    const until = Date.now() + 60_000;
    while (!callerJoin && Date.now() < until) {
      callerJoin = observer.events.find((e) => e.name === 'QueueCallerJoin' && e.at > since + 200);
      await page.waitForTimeout(50);
    }
    expect(callerJoin).toBeDefined();
    const joinAt = (callerJoin as { at: number }).at;
    await page.waitForTimeout(2_200);
    const changes = await page.evaluate<{ at: number; text: string }[]>('window.__offered');
    const before = Number(
      [...changes].reverse().find((c) => c.at <= joinAt)?.text ?? changes[0].text,
    );
    const after = changes.find((c) => c.at >= joinAt && Number(c.text) > before);
    expect(after).toBeDefined();
    const delayMs = (after as { at: number }).at - joinAt;
    expect(delayMs).toBeLessThan(2_000);
    process.stdout.write(
      `wallboard: 话务量 changed ${delayMs} ms after QueueCallerJoin left the simulator\n`,
    );

    await page.waitForFunction(STAFFING_SHOWN);
    expect(await page.locator('[data-value="staffingNeeded"]').textContent()).toMatch(/^需要 \d+/);
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard-zh-1920x1080.png') });
    const en = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await en.goto(`${monitor.baseUrl}/?lang=en`);
    await en.waitForFunction(OFFERED_POSITIVE);
    expect(await en.locator('[data-tile="answerRate"] .label').textContent()).toContain(
      'Answer rate',
    );
    expect(await en.locator('#coverage').textContent()).toBe(`data since ${attachedAt}`);
    await en.screenshot({ path: join(ARTIFACTS, 'wallboard-en-1920x1080.png') });
    const big = await browser.newPage({ viewport: { width: 3840, height: 2160 } });
    await big.goto(`${monitor.baseUrl}/?kiosk=1`);
    await big.waitForFunction(OFFERED_POSITIVE);
    await big.screenshot({ path: join(ARTIFACTS, 'wallboard-zh-3840x2160.png') });
    await big.close();

    for (const lang of ['zh', 'en']) {
      const leader = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await leader.goto(`${monitor.baseUrl}/leader?token=${LEADER_TOKEN}&lang=${lang}`);
      await leader.waitForFunction(
        `document.querySelectorAll('#agents-table tbody tr').length > 0`,
      );
      await leader.waitForFunction(`document.querySelector('#trend svg path') !== null`);
      await leader.waitForFunction(STAFFING_SHOWN);
      // The token went into an HttpOnly cookie (the WebSocket used it) and left the address bar.
      expect(leader.url()).toBe(`${monitor.baseUrl}/leader?lang=${lang}`);
      expect(await leader.evaluate<string>('document.cookie')).not.toContain(LEADER_TOKEN);
      for (const caller of await leader
        .locator('#waiting-table tbody tr[data-joined] td:first-child')
        .allTextContents())
        expect(caller).toMatch(/^(\*+\d{0,4}|—)$/);
      expect(await leader.locator('#coverage').textContent()).toBe(
        lang === 'zh' ? `数据自 ${attachedAt} 起` : `data since ${attachedAt}`,
      );
      const tile = await readStaffingTile(leader);
      expect(Number.isInteger(tile.needed) && tile.needed >= 0).toBe(true);
      expect(tile.onDuty).toBeGreaterThan(0);
      expect(tile.text).toContain(
        lang === 'zh'
          ? `本时段需要 ${tile.needed} 人 / 在岗 ${tile.onDuty} 人`
          : `Needed now ${tile.needed} · on duty ${tile.onDuty}`,
      );
      expect(tile.status).toBe(tile.needed > tile.onDuty ? 'bad' : 'ok');
      await leader.screenshot({ path: join(ARTIFACTS, `leader-${lang}-1920x1080.png`) });
      await leader.close();
    }

    // The PBX goes away: the board must say so plainly, at once.
    await simulator.stop();
    await page.waitForFunction(STALE_BANNER_SHOWN, undefined, {
      timeout: 5_000,
    });
    expect(await page.locator('#stale-banner').textContent()).toContain('数据已停止更新');
    expect((await page.locator('body').getAttribute('class'))?.split(' ')).toContain('stale');
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard-zh-stale-1920x1080.png') });
    await en.waitForFunction(STALE_BANNER_SHOWN);
    expect(await en.locator('#stale-banner').textContent()).toContain('DATA NOT LIVE');
    await en.close();
    await page.close();
  });

  it('refuses the leader page without the leader token', async () => {
    expect((await fetch(`${monitor.baseUrl}/leader`)).status).toBe(401);
    expect((await fetch(`${monitor.baseUrl}/assets/js/wallboard.js`)).status).toBe(200);
    expect((await fetch(`${monitor.baseUrl}/assets/..%2F..%2Fpackage.json/x.js`)).status).toBe(404);
  });
});

describeInBrowser('leader staffing tile in Chromium (scripted PBX, agents short)', () => {
  let monitor: RunningMonitor;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    monitor = await startMonitor({ push: { cadenceMs: 500 } });
    monitor.pbx.connect({
      agents: [
        { agent: 'PJSIP/8001', state: 'on-call', queues: ['q1'] },
        { agent: 'PJSIP/8002', state: 'available', queues: ['q1'] },
      ],
    });
    // 60 calls of 4 minutes in the last 10 minutes: about 16 Erlangs for two agents.
    const start = Date.now() - 10 * 60_000;
    for (let i = 0; i < 60; i++) {
      const at = start + i * 10_000;
      monitor.pbx.emit(
        call.joined(`s${i}`, 'q1', at),
        call.answered(`s${i}`, 'q1', 'PJSIP/8001', 2, at + 2_000),
        call.ended(`s${i}`, 'q1', 'PJSIP/8001', 240, at + 242_000),
      );
    }
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await monitor?.close();
  });

  it('shows the shortfall in red, with the numbers of GET /api/v1/staffing/now', async () => {
    const now = (await (await fetch(`${monitor.baseUrl}/api/v1/staffing/now`)).json()) as {
      neededNow: number;
      onDuty: number;
      gap: number;
    };
    expect(now.gap).toBeGreaterThan(0);
    for (const lang of ['zh', 'en']) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${monitor.baseUrl}/leader?lang=${lang}`);
      await page.waitForFunction(STAFFING_SHOWN);
      const tile = await readStaffingTile(page);
      expect(tile).toMatchObject({ status: 'bad', needed: now.neededNow, onDuty: now.onDuty });
      expect(tile.gap).toBe(lang === 'zh' ? `(缺 ${now.gap})` : `(${now.gap} short)`);
      const color = await page.evaluate<string>(
        `getComputedStyle(document.querySelector('#staffing .value')).color`,
      );
      expect(color).toBe('rgb(239, 68, 68)'); // --bad
      await page.screenshot({ path: join(ARTIFACTS, `leader-${lang}-short-1920x1080.png`) });
      await page.close();
    }
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`${monitor.baseUrl}/`);
    await board.waitForFunction(STAFFING_SHOWN);
    expect(await board.locator('[data-value="staffingNeeded"]').textContent()).toBe(
      `需要 ${now.neededNow} (缺 ${now.gap})`,
    );
    await board.screenshot({ path: join(ARTIFACTS, 'wallboard-zh-short-1920x1080.png') });
    await board.close();
  });
});
