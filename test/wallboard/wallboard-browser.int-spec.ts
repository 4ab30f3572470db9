import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PbxSimulator } from '@hotline/simulator';
import { AmiObserver } from './ami-observer';
import { call } from './call-events.builder';
import { startMonitor, type RunningMonitor } from './monitor-harness';
import { CHROMIUM, describeInBrowser } from '../support/chromium';

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
  advice: string;
  text: string;
  needed: number;
  answering: number;
  gap: string | null;
  floor: string;
  cause: string | null;
}

/** The leader page's needed-vs-on-duty tile, read in the page. */
const readStaffingTile = (page: Page) =>
  page.evaluate<StaffingTile>(`(() => {
    const tile = document.getElementById('staffing');
    const n = (key) => Number(tile.querySelector('[data-value="' + key + '"]').textContent);
    const cause = document.getElementById('staffing-cause');
    return {
      status: tile.dataset.status,
      advice: tile.dataset.advice,
      text: tile.querySelector('.value').textContent,
      needed: n('staffingNeeded'),
      answering: n('staffingAnswering'),
      gap: tile.querySelector('[data-value="staffingGap"]')?.textContent ?? null,
      floor: document.getElementById('staffing-floor').textContent,
      cause: cause.hidden ? null : cause.textContent,
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
      expect(tile.answering).toBeGreaterThan(0);
      expect(tile.text).toContain(
        lang === 'zh'
          ? `本时段需要 ${tile.needed} 人 / 接听 ${tile.answering} 人`
          : `Needed now ${tile.needed} · answering ${tile.answering}`,
      );
      expect(tile.floor).toMatch(
        lang === 'zh' ? /^在岗 \d+ = 可接 \d+ \+ 话后 \d+/ : /^On duty \d+ = /,
      );
      expect(tile.status).toBe(['missed', 'short'].includes(tile.advice) ? 'bad' : 'ok');
      expect(tile.advice === 'short').toBe(tile.needed > tile.answering && tile.cause === null);
      if (tile.advice !== 'spare') expect(tile.text).not.toMatch(/富余|spare/);
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
      floor: { answering: number };
      gap: number;
    };
    expect(now.gap).toBeGreaterThan(0);
    expect(now.floor.answering).toBe(2);
    for (const lang of ['zh', 'en']) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${monitor.baseUrl}/leader?lang=${lang}`);
      await page.waitForFunction(STAFFING_SHOWN);
      const tile = await readStaffingTile(page);
      expect(tile).toMatchObject({
        status: 'bad',
        needed: now.neededNow,
        answering: now.floor.answering,
        floor:
          lang === 'zh' ? '在岗 2 = 可接 2 + 话后 0' : 'On duty 2 = free or talking 2 + wrap-up 0',
      });
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

describeInBrowser('leader staffing tile in Chromium (the last 15 minutes missed a target)', () => {
  const FIFTEEN_MINUTES = 15 * 60_000;
  let monitor: RunningMonitor;
  let browser: Browser;
  interface Now {
    status: string;
    causes: string[];
    gap: number;
    floor: Record<string, unknown>;
    lastInterval: { answerRate: number; missed: string[] } | null;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Far from an interval's end, so the interval judged stays the last one during the test.
    const into = Date.now() % FIFTEEN_MINUTES;
    if (into > FIFTEEN_MINUTES - 90_000) {
      await new Promise((resolve) => setTimeout(resolve, FIFTEEN_MINUTES - into + 1_000));
    }
    monitor = await startMonitor({
      push: { cadenceMs: 500 },
      agents: { pauseReasons: { 话后: 'after-call-work', 小休: 'break', 培训: 'training' } },
    });
    const intervalStart = Date.now() - (Date.now() % FIFTEEN_MINUTES);
    const lastStart = intervalStart - FIFTEEN_MINUTES;
    // The monitor saw the whole last interval (its view came before it began).
    monitor.pbx.connect({
      at: lastStart - 60_000,
      agents: [
        { agent: 'PJSIP/8001', state: 'available', queues: ['q1'] },
        { agent: 'PJSIP/8002', state: 'available', queues: ['q1'] },
        { agent: 'PJSIP/8003', state: 'paused', pauseReason: '小休', queues: ['q1'] },
        { agent: 'PJSIP/8004', state: 'paused', pauseReason: '培训', queues: ['q1'] },
      ],
    });
    // 20 callers in the last interval: 10 answered, 10 gave up after 40 s (answer rate 50 %).
    for (let i = 0; i < 20; i++) {
      const at = lastStart + 30_000 + i * 40_000;
      monitor.pbx.emit(call.joined(`m${i}`, 'q1', at));
      if (i % 2 === 0) {
        monitor.pbx.emit(
          call.answered(`m${i}`, 'q1', 'PJSIP/8001', 2, at + 2_000),
          call.ended(`m${i}`, 'q1', 'PJSIP/8001', 30, at + 32_000),
        );
      } else monitor.pbx.emit(call.abandoned(`m${i}`, 'q1', 40, at + 40_000));
    }
    // Now one agent writes up a call under the 话后 pause code.
    monitor.pbx.emit(call.agent('PJSIP/8002', 'paused', ['q1'], '话后'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await monitor?.close();
  });

  it('is red and names the cause, with 话后 and the pauses by kind, and never says spare', async () => {
    const now = (await (await fetch(`${monitor.baseUrl}/api/v1/staffing/now`)).json()) as Now;
    expect(now.status).toBe('missed');
    expect(now.lastInterval).toMatchObject({ answerRate: 0.5 });
    expect(now.lastInterval?.missed).toContain('answerRate');
    expect(now.causes.length).toBeGreaterThan(0);
    expect(now.floor).toMatchObject({
      onDuty: 4,
      ableToAnswer: 1,
      afterCallWork: 1,
      paused: 2,
      pausedByKind: { break: 1, training: 1, meeting: 0, other: 0 },
    });
    const zhCause: Record<string, string> = {
      'too-few-answering': '可接人数不足',
      'after-call-work': '话后时长',
      pauses: '小休占用',
      'calls-above-forecast': '来电高于预测',
      'none-found': '人数按模型足够（波动）',
    };
    for (const lang of ['zh', 'en']) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${monitor.baseUrl}/leader?lang=${lang}`);
      await page.waitForFunction(STAFFING_SHOWN);
      const tile = await readStaffingTile(page);
      expect(tile).toMatchObject({ status: 'bad', advice: 'missed' });
      expect(tile.text).not.toMatch(/富余|spare/);
      if (lang === 'zh') {
        expect(tile.floor).toBe('在岗 4 = 可接 1 + 话后 1 + 小休 1 + 培训 1');
        expect(tile.cause).toBe(
          `上一时段未达标（接通率 50.0%）：${now.causes.map((c) => zhCause[c]).join('、')}`,
        );
      } else {
        expect(tile.floor).toBe('On duty 4 = free or talking 1 + wrap-up 1 + break 1 + training 1');
        expect(tile.cause).toMatch(/^Last 15 min missed \(answer rate 50\.0%\): /);
      }
      const color = await page.evaluate<string>(
        `getComputedStyle(document.getElementById('staffing-cause')).color`,
      );
      expect(color).toBe('rgb(239, 68, 68)'); // --bad
      await page.screenshot({ path: join(ARTIFACTS, `leader-${lang}-missed-1920x1080.png`) });
      await page.close();
    }
  });
});
