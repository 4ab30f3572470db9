import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { shanghai } from '@hotline/kpi/call-event.factory';
import { type RotaPlan, requiredAgentsErlangA } from '@hotline/staffing';
import { monitorConfigSchema } from '../../apps/monitor/src/config/monitor-config.schema';
import { MONITOR_CONFIG } from '../../apps/monitor/src/config/monitor-config.token';
import { RotaPlanController } from '../../apps/monitor/src/staffing/rota-plan.controller';
import { RotaPlanService } from '../../apps/monitor/src/staffing/rota-plan.service';
import {
  STAFFING_HISTORY,
  type StaffingHistoryInterval,
} from '../../apps/monitor/src/staffing/staffing-history';
import { STAFFING_OPTIONS } from '../../apps/monitor/src/staffing/staffing-options';

jest.setTimeout(120_000);

/**
 * GET /api/v1/staffing/rota/plan over HTTP with stored history: the four weeks before Monday
 * 9 March 2026 had 20 contacts a quarter hour from 08:00 to 20:00 (2 abandoned, one of them
 * within 5 s; talk 180 s; 100 s waited in all) and 2 at night (answered).
 */
const WEEK = '2026-03-09';
const TALK = 180;
const AFTER_CALL_WORK = 60;

function storedHistory(): StaffingHistoryInterval[] {
  const rows: StaffingHistoryInterval[] = [];
  for (
    let start = shanghai('2026-02-09 00:00');
    start < shanghai('2026-03-09 00:00');
    start += 15 * 60_000
  ) {
    const hour = new Date(start + 8 * 3_600_000).getUTCHours();
    const day = hour >= 8 && hour < 20;
    rows.push({
      startMs: start,
      offered: day ? 20 : 2,
      answered: day ? 18 : 2,
      abandoned: day ? 2 : 0,
      shortAbandoned: day ? 1 : 0,
      sumTalkSeconds: (day ? 18 : 2) * TALK,
      totalWaitSeconds: day ? 100 : 0,
    });
  }
  return rows;
}

async function start(staffing: Record<string, unknown>): Promise<INestApplication> {
  const config = monitorConfigSchema.parse({
    staffing: {
      afterCallWorkSeconds: AFTER_CALL_WORK,
      // Generous: on a busy machine the solver gets a fraction of a core (phases stop when solved).
      planner: { timeLimitSeconds: 60 },
      ...staffing,
    },
  });
  const history = storedHistory();
  const moduleRef = await Test.createTestingModule({
    controllers: [RotaPlanController],
    providers: [
      RotaPlanService,
      { provide: MONITOR_CONFIG, useValue: config },
      { provide: STAFFING_OPTIONS, useValue: config.staffing },
      {
        provide: STAFFING_HISTORY,
        useValue: {
          centreIntervals: (from: number, to: number) =>
            Promise.resolve(history.filter((i) => i.startMs >= from && i.startMs < to)),
        },
      },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

async function plan(app: INestApplication, query: string): Promise<RotaPlan> {
  const response = await fetch(`${await app.getUrl()}/api/v1/staffing/rota/plan?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as RotaPlan;
}

describe('GET /api/v1/staffing/rota/plan (stored history)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await start({});
  });
  afterAll(() => app.close());

  it('plans from the stored weeks: their calls, talk, patience and short abandons', async () => {
    const result = await plan(app, `weekStart=${WEEK}`);
    const { inputs } = result;

    expect(inputs.demandBasis).toEqual({ kind: 'history', weeks: 4, relevelledTo: null });
    expect(inputs.callsPerWeek).toBe(7 * (48 * 20 + 48 * 2));
    expect(inputs.talkSeconds).toBe(TALK);
    expect(inputs.handleSeconds).toBe(TALK + AFTER_CALL_WORK);
    expect(inputs.afterCallWorkSource).toBe('config');
    // One short abandon per busy quarter hour: lost whatever the staffing.
    const share = 48 / (48 * 20 + 48 * 2);
    expect(inputs.unavoidableLossShare).toBeCloseTo(share, 5);
    // Patience from the other abandons: 100 s waited per abandon that was not short.
    expect(inputs.meanPatienceSeconds).toBe(100);

    // Monday 10:00: 20 calls, of which the queue keeps 1 − share; it must answer 95 % ÷ (1 − share).
    const erlang = requiredAgentsErlangA({
      arrivalRatePerSecond: (20 * (1 - share)) / 900,
      ahtSeconds: TALK + AFTER_CALL_WORK,
      meanPatienceSeconds: 100,
      targetAnswerRate: 0.95 / (1 - share),
      targetAnsweredWithinSeconds: 10,
      targetAnsweredWithinRate: 0.8,
    }).agents;
    expect(result.slots.calls[40]).toBe(20);
    expect(result.slots.required[40]).toBe(Math.max(4, erlang));
    expect(result.slots.required[8]).toBe(4); // 02:00, two calls: the floor of 4 answering
    expect(result.requirement).toBe('met');
    // The summary rounds it to 5 decimals: with no loss planned it is 1 − share rounded up.
    expect(result.summary.answerRateAtMost).toBeLessThanOrEqual(1 - share + 0.5e-5);
  });

  it("re-levels the stored week to a month's calls when asked", async () => {
    const result = await plan(app, `weekStart=${WEEK}&monthlyCalls=50000`);
    expect(result.inputs.demandBasis).toEqual({
      kind: 'history',
      weeks: 4,
      relevelledTo: { calls: 50000, month: '2026-03' },
    });
    expect(result.summary.predictedMonth.offered).toBeCloseTo(50000, 0);
  });

  it('says 400 for a bad week and for a format it does not know', async () => {
    const url = `${await app.getUrl()}/api/v1/staffing/rota/plan`;
    expect((await fetch(`${url}?weekStart=2026-03-10`)).status).toBe(400);
    expect((await fetch(`${url}?weekStart=${WEEK}&format=pdf`)).status).toBe(400);
    expect((await fetch(url)).status).toBe(400);
  });
});

describe('GET /api/v1/staffing/rota/plan (too few people)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await start({ headcount: 10 });
  });
  afterAll(() => app.close());

  it('answers 200 with the shortfall, the slots short and the people it would take', async () => {
    const result = await plan(app, `weekStart=${WEEK}`);
    expect(result.requirement).toBe('short');
    expect(result.infeasibility?.proved).toBe(true);
    expect(result.infeasibility?.shortAgentHoursAtLeast).toBeGreaterThan(0);
    expect(result.infeasibility?.shortSlots.length).toBeGreaterThan(0);
    expect(result.smallestHeadcount.value).toBeGreaterThan(10);
    expect(result.summary.headcountUsed).toBeLessThanOrEqual(10);
  });
});
