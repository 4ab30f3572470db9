import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { CallEvent } from '@hotline/call-events';
import { KpiEngine } from '@hotline/kpi';
import { ev, shanghai } from '@hotline/kpi/call-event.factory';
import { recommendStaffing, requiredAgentsErlangA } from '@hotline/staffing';
import { monitorConfigSchema } from '../../apps/monitor/src/config/monitor-config.schema';
import { MONITOR_CONFIG } from '../../apps/monitor/src/config/monitor-config.token';
import { LiveKpiService } from '../../apps/monitor/src/live/live-kpi.service';
import {
  STAFFING_HISTORY,
  type StaffingHistoryInterval,
  type StaffingHistorySource,
} from '../../apps/monitor/src/staffing/staffing-history';
import {
  STAFFING_OPTIONS,
  staffingConfigSchema,
} from '../../apps/monitor/src/staffing/staffing-options';
import { StaffingController } from '../../apps/monitor/src/staffing/staffing.controller';
import { StaffingService } from '../../apps/monitor/src/staffing/staffing.service';

/**
 * The staffing API over HTTP with a real KPI engine fed call events, and stored history from a
 * fake source: every day 08:00–20:00 has 20 contacts per 15 minutes (talk 180 s), nights none,
 * and Monday 2 March 2026 has a 19:00 spike of 120. "Now" is Tuesday 10 March 10:07:30.
 */
const MINUTE = 60_000;
const INTERVAL = 15 * MINUTE;
const NOW = shanghai('2026-03-10 10:07:30');
const TALK = 180;
const AFTER_CALL_WORK = 60;
const AGENTS = 12;
const SPIKE_AT = shanghai('2026-03-02 19:00');

function storedHistory(): StaffingHistoryInterval[] {
  const rows: StaffingHistoryInterval[] = [];
  for (
    let start = shanghai('2026-02-09 00:00');
    start < shanghai('2026-03-10 00:00');
    start += INTERVAL
  ) {
    const hour = new Date(start + 8 * 60 * MINUTE).getUTCHours();
    const offered = start === SPIKE_AT ? 120 : hour >= 8 && hour < 20 ? 20 : 0;
    rows.push({
      startMs: start,
      offered,
      answered: offered,
      abandoned: 0,
      sumTalkSeconds: offered * TALK,
      totalWaitSeconds: offered * 5,
    });
  }
  return rows;
}

/** Today: 12 agents from 07:30, a contact every 45 s from 08:00, answered after 5 s, a few abandon. */
function todaysEvents(): CallEvent[] {
  const events: CallEvent[] = [];
  for (let a = 1; a <= AGENTS; a++) {
    events.push(ev.agentState(`a${a}`, shanghai('2026-03-10 07:30'), 'available'));
  }
  let n = 0;
  for (let at = shanghai('2026-03-10 08:00'); at < NOW - 4 * MINUTE; at += 45_000, n++) {
    const id = `c${n}`;
    events.push(ev.joined(id, at));
    if (n % 50 === 7) {
      events.push(ev.abandoned(id, at + 30_000, 30));
      continue;
    }
    const agent = `a${(n % AGENTS) + 1}`;
    events.push(
      ev.answered(id, at + 5_000, agent, 5),
      ev.ended(id, at + 5_000 + TALK * 1000, agent, TALK),
    );
  }
  return events.sort((x, y) => x.at - y.at);
}

// Response bodies are checked field by field against computed values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('staffing API (/api/v1/staffing)', () => {
  let app: INestApplication;
  let base: string;
  let engine: KpiEngine;

  beforeAll(async () => {
    engine = new KpiEngine({ timeZone: 'Asia/Shanghai' });
    const live: Pick<LiveKpiService, 'onCallFinished' | 'snapshot'> = {
      onCallFinished: (listener) => engine.onCallFinished(listener),
      snapshot: () => engine.snapshot(NOW),
    };
    const history = storedHistory();
    const source: StaffingHistorySource = {
      centreIntervals: (from, to) =>
        Promise.resolve(history.filter((r) => r.startMs >= from && r.startMs < to)),
    };
    const moduleRef = await Test.createTestingModule({
      controllers: [StaffingController],
      providers: [
        StaffingService,
        { provide: LiveKpiService, useValue: live },
        { provide: MONITOR_CONFIG, useValue: monitorConfigSchema.parse({}) },
        {
          provide: STAFFING_OPTIONS,
          useValue: staffingConfigSchema.parse({ afterCallWorkSeconds: AFTER_CALL_WORK }),
        },
        { provide: STAFFING_HISTORY, useValue: source },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init(); // subscribes the service to finished calls before they are fed
    for (const event of todaysEvents()) engine.apply(event);
    engine.tick(NOW);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}/api/v1/staffing`;
  });

  afterAll(async () => {
    await app?.close();
  });

  const getJson = async (path: string): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: await response.json() };
  };

  it("GET /now: Erlang A agents for the last 15 minutes' load versus the agents answering", async () => {
    const snapshot = engine.snapshot(NOW);
    const offered = snapshot.periods.centre.last15m.offered;
    const abandons = todaysEvents().filter((e) => e.type === 'caller-abandoned').length;
    const talk = snapshot.periods.centre.last60m.ahtSeconds ?? NaN;
    const expected = requiredAgentsErlangA({
      arrivalRatePerSecond: offered / 900,
      ahtSeconds: talk + AFTER_CALL_WORK,
      meanPatienceSeconds: 180, // fewer than 20 abandons: the configured default
      targetAnswerRate: 0.95,
      targetAnsweredWithinSeconds: 10,
      targetAnsweredWithinRate: 0.8,
    });

    const { status, body } = await getJson('/now');

    expect(status).toBe(200);
    expect(offered).toBeGreaterThan(10); // a contact every 45 s in the last 15 minutes but 4
    expect(abandons).toBeGreaterThan(0);
    expect(body).toMatchObject({
      intervalStart: shanghai('2026-03-10 10:00'),
      intervalEnd: shanghai('2026-03-10 10:15'),
      neededNow: expected.agents,
      onDuty: AGENTS,
      floor: { onDuty: AGENTS, answering: AGENTS, paused: 0 },
      gap: expected.agents - AGENTS,
      arrivalsPerHour: offered * 4,
      scheduled: 42, // morning 07:00–15:00 (21) + day 09:00–17:00 (21)
      handleTime: { talkSeconds: talk, talkSource: 'last60m', afterCallWorkSource: 'config' },
      patience: { meanPatienceSeconds: 180, source: 'default', abandoned: abandons },
    });
    expect(body.offeredLoad).toBeCloseTo((offered / 900) * (talk + AFTER_CALL_WORK), 9);
    expect(body.erlangC.agents).toBeGreaterThanOrEqual(body.erlangA.agents - 1);
    expect(body.erlangA.answerRateWithAnswering).toBeGreaterThan(0.95);
  });

  it('GET /forecast?hours=4: 16 intervals from past Tuesdays scaled by today, with needed vs rota', async () => {
    const { status, body } = await getJson('/forecast?hours=4');

    expect(status).toBe(200);
    expect(body.method).toBe('history');
    expect(body.todayRatio).toBeGreaterThan(0.9);
    expect(body.todayRatio).toBeLessThan(1.1);
    expect(body.intervals).toHaveLength(16);
    const first = body.intervals[0];
    const [recommended] = recommendStaffing({
      intervals: [
        { startMs: 0, expectedCalls: 20 * body.todayRatio, ahtSeconds: body.handleTime.seconds },
      ],
      meanPatienceSeconds: 180,
    });
    expect(first).toMatchObject({
      intervalStart: shanghai('2026-03-10 10:00'),
      date: '2026-03-10',
      time: '10:00',
      baseline: 20,
      weeksUsed: 4,
      needed: recommended.agents,
      scheduled: 42,
      gap: recommended.agents - 42,
    });
  });

  it('GET /forecast rejects hours out of range', async () => {
    expect((await getJson('/forecast?hours=0')).status).toBe(400);
    expect((await getJson('/forecast?hours=abc')).status).toBe(400);
  });

  it("GET /rota: the Monday 19:00 spike is the short interval and the week's peak", async () => {
    const { status, body } = await getJson('/rota?weekStart=2026-03-02');
    const spike = requiredAgentsErlangA({
      arrivalRatePerSecond: 120 / 900,
      ahtSeconds: TALK + AFTER_CALL_WORK,
      meanPatienceSeconds: 180,
      targetAnswerRate: 0.95,
      targetAnsweredWithinSeconds: 10,
      targetAnsweredWithinRate: 0.8,
    });

    expect(status).toBe(200);
    expect(body.source).toBe('storage');
    expect(body.intervals).toHaveLength(7 * 96);
    expect(body.peak).toMatchObject({ required: spike.agents, requiredAt: SPIKE_AT, seats: 58 });
    // 19:00 is covered by afternoon (14) + evening (16) = 30 rostered agents.
    const row = body.intervals.find((r: { intervalStart: number }) => r.intervalStart === SPIKE_AT);
    expect(row).toMatchObject({
      date: '2026-03-02',
      time: '19:00',
      weekday: 1,
      offered: 120,
      scheduled: 30,
    });
    expect(row.shortfall).toBe(Math.max(0, spike.agents - 30));
    expect(body.shortIntervals).toBe(
      body.intervals.filter((r: { shortfall: number }) => r.shortfall > 0).length,
    );
    expect(body.shifts.map((s: { name: string }) => s.name)).toEqual([
      'morning',
      'afternoon',
      'evening',
      'night',
      'day',
    ]);
  });

  it('GET /rota?format=csv: one row per interval, short intervals flagged', async () => {
    const response = await fetch(`${base}/rota?weekStart=2026-03-02&format=csv`);
    const text = await response.text();
    const lines = text.trimEnd().split('\r\n');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('staffing-gaps-2026-03-02.csv');
    expect(lines[0]).toBe(
      'date,time,weekday,offered,offered_load_erlangs,required_agents,scheduled_agents,shortfall,short',
    );
    expect(lines).toHaveLength(1 + 7 * 96);
    const spikeRow = lines.find((l) => l.startsWith('2026-03-02,19:00,'));
    expect(spikeRow?.split(',')[3]).toBe('120');
    expect(spikeRow?.endsWith(',1')).toBe(true);
    const quiet = lines.find((l) => l.startsWith('2026-03-03,03:00,'));
    expect(quiet?.endsWith(',0')).toBe(true);
  });

  it('GET /rota: 400 on a date that does not exist (never rolled over), 404 on a week with no history', async () => {
    for (const weekStart of [
      '2026-13-40',
      '2026-02-30', // not 2 March
      '2026-00-10',
      '0000-01-03', // not 1900
      '9999-12-27',
      '2026-3-2',
      '',
    ]) {
      const { status, body } = await getJson(`/rota?weekStart=${weekStart}`);
      expect([weekStart, status]).toEqual([weekStart, 400]);
      expect(JSON.stringify(body.message)).toContain('weekStart');
    }
    expect((await getJson('/rota?weekStart=2020-01-06')).status).toBe(404);
  });

  it('GET /rota without weekStart checks the current week (Monday on the PBX clock) so far', async () => {
    const { status, body } = await getJson('/rota');

    expect(status).toBe(200);
    expect(body.weekStart).toBe('2026-03-09');
    expect(body.from).toBe(shanghai('2026-03-09 00:00'));
    // Stored history reaches Tuesday 00:00: Monday's 96 intervals.
    expect(body.intervals).toHaveLength(96);
    expect(body.source).toBe('storage');
  });
});
