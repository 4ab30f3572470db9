import ExcelJS from 'exceljs';
import { chromium, type Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkRoster, shiftCatalogue, type RotaPlan } from '@hotline/staffing';
import { runModel } from '@hotline/simulator';
import { startMonitor, type RunningMonitor } from '../wallboard/monitor-harness';
import { CHROMIUM, describeInBrowser } from '../support/chromium';

jest.setTimeout(180_000);

const ARTIFACTS = join(__dirname, '../../test-artifacts');
const LEADER_TOKEN = 'leader-token-for-the-rota-test';
/** A Monday of January 2021: no stored history, so the evaluation's 44,632 calls that month. */
const WEEK = '2021-01-04';

/**
 * The rota planner end to end in the real monitor: the API (JSON, CSV, XLSX, errors), the plan
 * run by the simulator's traffic model, and the page in Chromium, Chinese and English.
 */
describeInBrowser('rota plan: API, simulator and page in Chromium', () => {
  let monitor: RunningMonitor;
  let browser: Browser;
  let plan: RotaPlan;
  const api = (query: string) =>
    fetch(`${monitor.baseUrl}/api/v1/staffing/rota/plan?${query}`, {
      headers: { Authorization: `Bearer ${LEADER_TOKEN}` },
    });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    monitor = await startMonitor({
      auth: { tokens: { leader: LEADER_TOKEN } },
      // Generous: on a busy machine the solver gets a fraction of a core (phases stop when solved).
      staffing: { afterCallWorkSeconds: 227, planner: { timeLimitSeconds: 60 } },
    });
    const response = await api(`weekStart=${WEEK}`);
    expect(response.status).toBe(200);
    plan = (await response.json()) as RotaPlan;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await monitor?.close();
  });

  it("plans the week from the month's volume within 80 people and 58 seats, and says how", () => {
    expect(plan.format).toBe('hotline-rota-plan/1');
    expect(plan.weekStart).toBe(WEEK);
    expect(plan.inputs.demandBasis).toMatchObject({
      kind: 'month-volume',
      calls: 44632,
      month: '2021-01',
    });
    expect(plan.inputs.afterCallWorkSource).toBe('config');
    expect(plan.inputs.handleSeconds).toBe(240 + 227);
    expect(plan.limits).toEqual({ headcount: 80, seats: 58 });
    expect(plan.requirement).toBe('met');
    expect(plan.summary.headcountUsed).toBeLessThanOrEqual(80);
    expect(plan.summary.seatsUsed).toBeLessThanOrEqual(58);
    expect(plan.people).toHaveLength(plan.summary.headcountUsed);
    // Every slot's planned capacity reaches its requirement.
    plan.slots.required.forEach((required, t) => {
      expect(plan.slots.answering[t] * (1 - plan.inputs.shrinkage)).toBeGreaterThanOrEqual(
        required - 1e-9,
      );
    });
    expect(plan.summary.predictedMonth.answerRate).toBeGreaterThan(
      plan.summary.currentRotaPredictedWeek.answerRate,
    );
    for (const stage of plan.solver.stages) {
      expect(['optimal', 'time-limit']).toContain(stage.status);
    }
  });

  it("gives people who keep the labour rules, checked apart from the planner's model", () => {
    const { templates } = shiftCatalogue({
      shiftTypes: plan.rules.shiftTypes,
      startEveryMinutes: 30,
      labour: plan.rules.labour,
    });
    const week = plan.people.map((person) =>
      person.week.map((shift) => {
        if (!shift) return null;
        const [h, m] = shift.start.split(':').map(Number);
        const template = templates.find(
          (t) => t.type.name === shift.type && t.startMinute === h * 60 + m,
        );
        expect(template).toBeDefined();
        return {
          type: template!.type,
          startMinute: template!.startMinute,
          breaks: shift.breaks.map((b) => b.afterMinutes),
        };
      }),
    );
    expect(checkRoster(week, plan.rules.labour, plan.limits)).toEqual([]);
    for (let d = 0; d < 7; d++) {
      const working = plan.people.filter((p) => p.week[d] !== null).length;
      expect(plan.shiftTable.reduce((s, row) => s + row.people[d], 0)).toBe(working);
    }
  });

  it("runs in the simulator as its own input: Monday's people log in and take their breaks", () => {
    const mondayPeople = plan.people.filter((p) => p.week[0] !== null);
    const logins = new Set<string>();
    const pauses = new Map<string, number>();
    runModel({
      scenario: 'month-2021-01',
      rota: plan,
      seed: 4,
      startAt: Date.parse('2021-01-04T00:00:00+08:00'),
      durationMs: 86_400_000,
      onEvent: (event) => {
        if (event.type === 'memberAdded') logins.add(event.agent.shift);
        if (event.type === 'memberPaused' && event.paused) {
          pauses.set(event.reason, (pauses.get(event.reason) ?? 0) + 1);
        }
      },
    });
    // Everyone rostered on Monday, and the Sunday night shift still on at midnight.
    for (const person of mondayPeople) expect(logins).toContain(person.id);
    const breaksPlanned = mondayPeople.reduce((s, p) => s + p.week[0]!.breaks.length, 0);
    expect((pauses.get('meal') ?? 0) + (pauses.get('break') ?? 0)).toBeGreaterThanOrEqual(
      breaksPlanned,
    );
  });

  it('exports the rota by shift and weekday as CSV, and every table as XLSX, in Chinese', async () => {
    const csv = await api(`weekStart=${WEEK}&format=csv`);
    expect(csv.headers.get('content-disposition')).toContain(`rota-plan-${WEEK}.csv`);
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trim().split('\r\n');
    expect(header).toBe('班次,开始,结束,周一,周二,周三,周四,周五,周六,周日,合计(人次)');
    expect(rows).toHaveLength(plan.shiftTable.length);

    const xlsx = await api(`weekStart=${WEEK}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '班次表',
      '人员排班',
      '需求与计划',
      '预测指标',
    ]);
    expect(workbook.getWorksheet('人员排班')?.rowCount).toBe(plan.people.length + 1);
    expect(workbook.getWorksheet('需求与计划')?.rowCount).toBe(7 * 96 + 1);
  });

  it('refuses a week that does not start on a Monday, saying why', async () => {
    const response = await api('weekStart=2021-01-05');
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('weekStart: must be a Monday');
  });

  it('shows the requirement, the plan and the current rota, the rota table and the KPIs', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(
        `${monitor.baseUrl}/leader/rota?token=${LEADER_TOKEN}&lang=${lang}&week=${WEEK}`,
      );
      await page.waitForFunction(`document.body.dataset.state === 'ready'`, undefined, {
        timeout: 60_000,
      });
      expect(await page.locator('#chart svg path').count()).toBe(3);
      expect(await page.locator('#shift-table tbody tr').count()).toBe(plan.shiftTable.length + 1);
      const month = plan.summary.predictedMonth;
      expect(await page.locator('#kpis .tile .value').first().textContent()).toBe(
        `${(month.answerRate * 100).toFixed(2)}%`,
      );
      expect(await page.locator('#title').textContent()).toBe(
        lang === 'zh' ? '排班计划' : 'Rota plan',
      );
      expect(await page.locator('#csv-link').getAttribute('href')).toContain('format=csv');
      // The inputs and the solver's phases in the page's language, not the server's English.
      const inputs = (await page.locator('#inputs-table').textContent()) ?? '';
      const solver = (await page.locator('#solver-table tbody').textContent()) ?? '';
      if (lang === 'zh') {
        expect(inputs).toContain('2021-01 共 44632 通');
        expect(inputs).toContain('话后 227（配置值）');
        expect(solver).not.toMatch(/[A-Za-z]/);
      } else {
        expect(inputs).toContain('44632 calls in 2021-01');
        expect(solver).toContain('fewest people');
      }
      await page.screenshot({ path: join(ARTIFACTS, `rota-plan-${lang}-1920x1080.png`) });
      await page.close();
    }
  });

  it('keeps the page to the leader token', async () => {
    expect((await fetch(`${monitor.baseUrl}/leader/rota`)).status).toBe(401);
  });
});
