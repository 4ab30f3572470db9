// The scripted source replaces the PBX adapter, so the AMI client is never needed here.
jest.mock('../../apps/monitor/src/pbx/call-source.factory', () => ({
  CallSourceFactory: class CallSourceFactory {},
}));

import { PushHub, SLOW_CLIENT_CADENCES } from '../../apps/monitor/src/push/push-hub.service';
import WebSocket from 'ws';
import { call } from './call-events.builder';
import {
  eventually,
  sleep,
  startMonitor,
  TestClient,
  type RunningMonitor,
} from './monitor-harness';

// Server messages are checked field by field; their full shape is checked by the JSON Schema test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sections = Record<string, any>;

jest.setTimeout(90_000);

/** The HTTP status of a refused upgrade (101 when it was accepted). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.close();
    });
    ws.once('error', (error) => reject(error));
  });
}

async function subscribed(
  monitor: RunningMonitor,
  extra: Record<string, unknown> = {},
  query = '',
) {
  const client = await TestClient.open(`${monitor.wsUrl}${query}`);
  await client.next('hello');
  client.subscribe(extra);
  const snapshot = await client.next('snapshot');
  return { client, snapshot };
}

describe(PushHub.name, () => {
  describe('snapshot, updates and filters', () => {
    let monitor: RunningMonitor;
    const clients: TestClient[] = [];
    const track = (c: TestClient) => (clients.push(c), c);

    beforeAll(async () => {
      monitor = await startMonitor({ push: { cadenceMs: 200 }, lines: { '12315': '消费者投诉' } });
      monitor.pbx.connect({
        agents: [
          { agent: 'PJSIP/8001', state: 'available', queues: ['q1'] },
          { agent: 'PJSIP/8002', state: 'paused', pauseReason: '小休', queues: ['q2'] },
        ],
      });
      const t = Date.now() - 60_000;
      monitor.pbx.emit(
        call.joined('a1', 'q1', t, '12315'),
        call.answered('a1', 'q1', 'PJSIP/8001', 5, t + 5_000),
        call.ended('a1', 'q1', 'PJSIP/8001', 20, t + 25_000),
        call.joined('b1', 'q2', t + 1_000),
        call.abandoned('b1', 'q2', 12, t + 13_000),
      );
    });
    afterEach(() => clients.splice(0).forEach((c) => c.close()));
    afterAll(() => monitor.close());

    it('greets, then answers a subscribe with a full snapshot of the wallboard view', async () => {
      const client = track(await TestClient.open(monitor.wsUrl));
      const hello = await client.next('hello');
      expect(hello).toMatchObject({
        v: 1,
        seq: 1,
        data: { role: 'public', cadenceMs: 200, seats: 58 },
      });
      client.subscribe();
      const snapshot = await client.next('snapshot');
      const sections = snapshot.data.sections as Sections;
      expect(snapshot.seq).toBe(2);
      expect(snapshot.data.reason).toBe('subscribe');
      expect(Object.keys(sections).sort()).toEqual([
        'agentCounts',
        'coverage',
        'kpis',
        'live',
        'scopes',
        'seats',
        'staffing',
      ]);
      expect(sections.kpis).toMatchObject({
        period: 'today',
        offered: 2,
        answered: 1,
        abandoned: 1,
        unknown: 0,
      });
      // The monitor attached today: the figures start then, and the board says so.
      expect(sections.coverage).toEqual({
        from: monitor.live.snapshot().coverage.from,
        complete: false,
      });
      expect(typeof (sections.coverage as { from: unknown }).from).toBe('number');
      expect(sections.seats).toHaveLength(58);
      expect(sections.seats[1]).toMatchObject({
        agent: 'PJSIP/8002',
        state: 'paused',
        pauseReason: '小休',
      });
      expect(sections.agentCounts).toMatchObject({ available: 1, paused: 1, onDuty: 2 });
      expect(sections.scopes.find((s: Sections) => s.kind === 'line')).toMatchObject({
        id: '12315',
        name: '消费者投诉',
      });
    });

    it('sends updates at the cadence, with only the sections that changed, and seq without gaps', async () => {
      const { client, snapshot } = await subscribed(monitor);
      track(client);
      const start = client.messages.length;
      await sleep(1_300);
      const updates = client.messages.slice(start).filter((m) => m.type === 'update');
      expect(updates.length).toBeGreaterThanOrEqual(4);
      expect(updates.length).toBeLessThanOrEqual(9);
      const gaps = updates.slice(1).map((u, i) => u.at - updates[i].at);
      const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
      expect(median).toBeGreaterThanOrEqual(150);
      expect(median).toBeLessThanOrEqual(300);
      // Nothing happened: no section changed, so the updates are empty beats.
      expect(updates.every((u) => Object.keys(u.data.sections ?? {}).length === 0)).toBe(true);
      const seqs = client.messages.map((m) => m.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect(snapshot.seq).toBe(2);

      monitor.pbx.emit(call.joined('c1', 'q1'));
      const update = await client.nextNew(
        'update',
        (m) => m.data.sections?.live !== undefined,
        1_000,
      );
      expect(update.data.sections?.live).toMatchObject({ waiting: 1 });
      expect(update.data.sections?.seats).toBeUndefined();
      monitor.pbx.emit(call.abandoned('c1', 'q1', 1));
      await client.nextNew(
        'update',
        (m) => (m.data.sections?.live as Sections | undefined)?.waiting === 0,
        1_000,
      );
    });

    it('filters by queue, by line and by view', async () => {
      const q2 = track((await subscribed(monitor, { queues: ['q2'] })).client);
      const line = track((await subscribed(monitor, { lines: ['12315'] })).client);
      const alarmsOnly = track((await subscribed(monitor, { views: ['alarms'] })).client);
      const leader = track(
        (await subscribed(monitor, { views: ['agents'], queues: ['q1'] })).client,
      );
      const q2Sections = (await q2.next('snapshot')).data.sections as Sections;
      expect(q2Sections.kpis).toMatchObject({ offered: 1, answered: 0, abandoned: 1 });
      expect(
        (q2Sections.seats as Sections[])
          .filter((s) => s.agent !== null)
          .map((s) => s.agent as string),
      ).toEqual(['PJSIP/8002']);
      const lineSections = (await line.next('snapshot')).data.sections as Sections;
      expect(lineSections.kpis).toMatchObject({ offered: 1, answered: 1, abandoned: 0 });
      const alarmSections = (await alarmsOnly.next('snapshot')).data.sections as Sections;
      expect(Object.keys(alarmSections)).toEqual(['alarms']);
      const leaderSections = (await leader.next('snapshot')).data.sections as Sections;
      expect(Object.keys(leaderSections).sort()).toEqual([
        'agentCounts',
        'agents',
        'coverage',
        'kpis',
        'live',
        'staffing',
        'trend',
        'waiting',
      ]);
      expect((leaderSections.agents as Sections[]).map((a) => a.agent as string)).toEqual([
        'PJSIP/8001',
      ]);
      expect(leaderSections.agents[0]).toMatchObject({ answeredToday: 1, ahtSecondsToday: 20 });

      monitor.pbx.emit(call.joined('d1', 'q2', Date.now(), '12315'));
      await q2.nextNew(
        'update',
        (m) => (m.data.sections?.live as Sections | undefined)?.waiting === 1,
        1_000,
      );
      await line.nextNew(
        'update',
        (m) => (m.data.sections?.live as Sections | undefined)?.waiting === 1,
        1_000,
      );
      await sleep(400);
      expect(
        leader.messages.some((m) => (m.data.sections?.live as Sections | undefined)?.waiting === 1),
      ).toBe(false);
      monitor.pbx.emit(call.abandoned('d1', 'q2', 1));
    });

    it('gives the leader view the staffing figure of GET /api/v1/staffing/now, and pushes it when it changes', async () => {
      const staffingNow = async () =>
        (await (await fetch(`${monitor.baseUrl}/api/v1/staffing/now`)).json()) as Sections;
      const expectSameFigure = (section: Sections, now: Sections) =>
        expect(section).toEqual({
          intervalStart: now.intervalStart,
          intervalEnd: now.intervalEnd,
          neededNow: now.neededNow,
          onDuty: now.onDuty,
          floor: {
            ableToAnswer: now.floor.ableToAnswer,
            afterCallWork: now.floor.afterCallWork,
            answering: now.floor.answering,
            paused: now.floor.paused,
            pausedByKind: now.floor.pausedByKind,
          },
          gap: now.gap,
          status: now.status,
          causes: now.causes,
          lastInterval: now.lastInterval && {
            from: now.lastInterval.from,
            to: now.lastInterval.to,
            offered: now.lastInterval.offered,
            answerRate: now.lastInterval.answerRate,
            answeredWithinRate: now.lastInterval.answeredWithinRate,
            missed: now.lastInterval.missed,
            expectedCalls: now.lastInterval.expectedCalls,
            needed: now.lastInterval.needed,
          },
          forecast: now.forecast,
          offeredLoad: now.offeredLoad,
          arrivalsPerHour: now.arrivalsPerHour,
          handleTimeSeconds: now.handleTime.seconds,
          afterCallWorkSeconds: now.handleTime.afterCallWorkSeconds,
          neededErlangC: now.erlangC.agents,
          scheduled: now.scheduled,
        });
      const { client, snapshot } = await subscribed(monitor, { views: ['agents', 'alarms'] });
      track(client);
      const first = (snapshot.data.sections as Sections).staffing as Sections;
      expectSameFigure(first, await staffingNow());
      // The calls of beforeAll are in the last 15 minutes: there is load, so agents are needed.
      expect(first.offeredLoad).toBeGreaterThan(0);
      expect(first.neededNow).toBeGreaterThanOrEqual(1);
      expect(first.onDuty).toBe(2);
      // The paused agent (小休) is on duty but takes no calls: one answering.
      expect(first.floor).toMatchObject({ ableToAnswer: 1, paused: 1, answering: 1 });
      expect(first.gap).toBe(first.neededNow - 1);
      expect(first.intervalEnd - first.intervalStart).toBe(15 * 60_000);

      // A third agent logs in: the figure is pushed at once, still equal to the HTTP answer.
      const onDuty = (m: { data: { sections?: Sections } }) =>
        (m.data.sections?.staffing as Sections | undefined)?.onDuty as number | undefined;
      monitor.pbx.emit(call.agent('PJSIP/8003', 'available', ['q1']));
      const update = await client.nextNew('update', (m) => onDuty(m) === 3, 1_000);
      const pushed = update.data.sections?.staffing as Sections;
      expectSameFigure(pushed, await staffingNow());
      expect(pushed.gap).toBe(first.gap - 1);
      // Unchanged figures are not re-sent.
      const start = client.messages.length;
      await sleep(500);
      expect(client.messages.slice(start).some((m) => onDuty(m) !== undefined)).toBe(false);
      monitor.pbx.emit(call.agent('PJSIP/8003', 'logged-out', ['q1']));
      await client.nextNew('update', (m) => onDuty(m) === 2, 1_000);
    });

    it('answers a reconnect with lastSeq with a fresh full snapshot, not the missed updates', async () => {
      const first = track((await subscribed(monitor)).client);
      await first.nextNew('update');
      const lastSeq = first.messages[first.messages.length - 1].seq;
      first.close();
      monitor.pbx.emit(call.joined('e1', 'q1'));
      const second = track(await TestClient.open(monitor.wsUrl));
      await second.next('hello');
      second.subscribe({ lastSeq });
      const snapshot = await second.next('snapshot');
      expect(snapshot.data).toMatchObject({ reason: 'resume', resumedFrom: lastSeq });
      const sections = snapshot.data.sections as Sections;
      expect(sections.live).toMatchObject({ waiting: 1 });
      expect(sections.seats).toHaveLength(58);
      monitor.pbx.emit(call.abandoned('e1', 'q1', 1));
    });

    it('replies to bad JSON and to bad messages with an error, and stays usable', async () => {
      const { client } = await subscribed(monitor);
      track(client);
      client.send('{not json');
      expect((await client.nextNew('error')).data).toMatchObject({ code: 'BAD_JSON' });
      client.send({ type: 'subscribe', v: 1, views: ['everything'] });
      const bad = await client.nextNew('error');
      expect(bad.data.code).toBe('BAD_MESSAGE');
      expect((bad.data.issues as string[]).join(' ')).toContain('views.0');
      client.send({ type: 'ping', v: 2 });
      expect((await client.nextNew('error')).data).toMatchObject({ code: 'BAD_MESSAGE' });
      client.send({ type: 'ping', v: 1 });
      expect((await client.nextNew('pong')).data.pbxAt).toEqual(expect.any(Number));
      await client.nextNew('update');
      expect(client.closed).toBeUndefined();
    });

    it("lists the monitor's one site, shows it by default and refuses a site it does not show", async () => {
      const client = track(await TestClient.open(monitor.wsUrl));
      expect((await client.next('hello')).data.sites).toEqual(['default']);
      client.send({ type: 'subscribe', v: 1, views: ['wallboard'], site: 'taiyuan' });
      expect((await client.nextNew('error')).data).toMatchObject({
        code: 'UNKNOWN_SITE',
        message: expect.stringContaining('this monitor shows default'),
      });
      client.send({ type: 'subscribe', v: 1, views: ['wallboard'], site: 'default' });
      const snapshot = await client.nextNew('snapshot');
      expect(snapshot.data.subscription).toMatchObject({ site: 'default' });
      expect((snapshot.data.sections as Sections).kpis).toMatchObject({
        offered: monitor.live.snapshot().periods.centre.today.offered,
      });
    });

    it('tells a client it is not subscribed to anything until it subscribes', async () => {
      const client = track(await TestClient.open(monitor.wsUrl));
      await client.next('hello');
      await sleep(500);
      expect(client.messages.map((m) => m.type)).toEqual(['hello']);
    });
  });

  describe('limits', () => {
    let monitor: RunningMonitor;

    beforeAll(async () => {
      monitor = await startMonitor({
        // A long heartbeat: here back-pressure, not the heartbeat, must catch the stalled reader.
        push: {
          cadenceMs: 100,
          heartbeatMs: 60_000,
          clientMessagesPerSecond: 2,
          maxBufferedBytes: 65_536,
        },
        seats: 3_000,
      });
      monitor.pbx.connect({
        agents: Array.from({ length: 3_000 }, (_, i) => ({
          agent: `PJSIP/${10_000 + i}`,
          state: 'available' as const,
          queues: ['q1'],
        })),
      });
    });
    afterAll(() => monitor.close());

    it('rate limits client messages, then closes a client that keeps flooding', async () => {
      const { client } = await subscribed(monitor);
      await sleep(1_500); // refill the bucket after the subscribe
      const before = client.messages.length;
      for (let i = 0; i < 8; i++) client.send({ type: 'ping', v: 1 });
      await client.nextNew('error', (m) => m.data.code === 'RATE_LIMITED');
      await sleep(200);
      const replies = client.messages.slice(before);
      expect(replies.filter((m) => m.type === 'pong').length).toBeGreaterThanOrEqual(3);
      expect(replies.filter((m) => m.type === 'pong').length).toBeLessThanOrEqual(5);
      expect(client.closed).toBeUndefined();
      for (let i = 0; i < 40; i++) client.send({ type: 'ping', v: 1 });
      const closed = await client.waitClosed();
      expect(closed).toEqual({ code: 1008, reason: 'rate limit abuse' });
    });

    it('closes a client that sends a frame over push.maxPayloadBytes', async () => {
      const { client } = await subscribed(monitor);
      client.send({ type: 'ping', v: 1, padding: 'x'.repeat(monitor.config.push.maxPayloadBytes) });
      expect((await client.waitClosed()).code).toBe(1009);
    });

    it('keeps the memory of a client that stops reading bounded and disconnects it as too slow', async () => {
      const { client } = await subscribed(monitor);
      const socket = (client.ws as unknown as { _socket: { pause(): void; resume(): void } })
        ._socket;
      socket.pause();
      let maxBuffered = 0;
      const sessionsBefore = monitor.hub.sessionCount;
      // Agents change state all the time, so every cadence has a big seat map to send.
      let flip = 0;
      const churn = setInterval(() => {
        flip++;
        monitor.pbx.emit(
          call.agent(
            `PJSIP/${10_000 + (flip % 3_000)}`,
            flip % 2 ? 'paused' : 'available',
            ['q1'],
            '小休',
          ),
        );
        maxBuffered = Math.max(maxBuffered, monitor.hub.maxBufferedAmount);
      }, 20);
      try {
        await eventually(
          () => monitor.hub.stats.disconnectedSlow > 0,
          60_000,
          'slow client disconnect',
        );
      } finally {
        clearInterval(churn);
      }
      expect(monitor.hub.sessionCount).toBe(sessionsBefore - 1);
      // Bounded: at most the limit plus one update (a ~200 KB seat map) was ever queued.
      expect(maxBuffered).toBeLessThan(65_536 + 600_000);
      socket.resume();
      const closed = await client.waitClosed(20_000);
      expect(closed).toEqual({ code: 1013, reason: 'too slow' });
      expect(SLOW_CLIENT_CADENCES).toBeGreaterThan(1);
    });
  });

  describe('heartbeat', () => {
    it('terminates a client that stops answering the protocol-level ping', async () => {
      const monitor = await startMonitor({ push: { heartbeatMs: 1_000 } });
      try {
        const dead = await TestClient.open(monitor.wsUrl, { autoPong: false });
        const alive = await TestClient.open(monitor.wsUrl);
        await dead.next('hello');
        await dead.waitClosed(5_000);
        expect(monitor.hub.stats.disconnectedDead).toBe(1);
        await sleep(1_200);
        expect(alive.closed).toBeUndefined();
        expect(monitor.hub.sessionCount).toBe(1);
        alive.close();
      } finally {
        await monitor.close();
      }
    });
  });

  describe('alarms and the PBX link', () => {
    let monitor: RunningMonitor;

    beforeAll(async () => {
      monitor = await startMonitor({ push: { cadenceMs: 200, waitAlarmSeconds: 2 } });
      monitor.pbx.connect({
        agents: [{ agent: 'PJSIP/8001', state: 'available', queues: ['q1'] }],
      });
    });
    afterAll(() => monitor.close());

    it('raises a long-wait alarm at once and clears it when the caller is answered', async () => {
      const { client } = await subscribed(monitor, { views: ['alarms', 'agents'] });
      monitor.pbx.emit(call.joined('w1', 'q1', Date.now() - 1_500));
      const raised = await client.nextNew('alarm', (m) => m.data.state === 'raised', 3_000);
      expect(raised.data.alarm).toMatchObject({
        kind: 'long-wait',
        subject: 'w1',
        threshold: 2,
        clearedAt: null,
      });
      const mark = client.messages.length;
      monitor.pbx.emit(call.answered('w1', 'q1', 'PJSIP/8001', 3));
      const cleared = await client.next('alarm', (m) => m.data.state === 'cleared', 2_000, mark);
      const alarm = cleared.data.alarm as Sections;
      expect(alarm.clearedAt).toBeGreaterThanOrEqual(alarm.raisedAt);
      const update = await client.next(
        'update',
        (m) => (m.data.sections?.alarms as Sections | undefined)?.recent.length > 0,
        2_000,
        mark,
      );
      expect((update.data.sections?.alarms as Sections).recent[0]).toMatchObject({ subject: 'w1' });
      client.close();
    });

    it('pushes link down and up at once, with a PBX-link alarm', async () => {
      const { client } = await subscribed(monitor, { views: ['wallboard', 'alarms'] });
      const mark = client.messages.length;
      monitor.pbx.drop('connection reset by peer');
      const down = await client.next('link', () => true, 1_000, mark);
      expect(down.data).toMatchObject({
        up: false,
        ready: false,
        reason: 'connection reset by peer',
      });
      const alarm = await client.next(
        'alarm',
        (m) => (m.data.alarm as Sections).kind === 'pbx-link',
        1_000,
        mark,
      );
      expect(alarm.data.state).toBe('raised');
      monitor.pbx.connect();
      expect((await client.nextNew('link', () => true, 1_000)).data).toMatchObject({
        up: true,
        ready: true,
      });
      client.close();
    });
  });

  describe('auth', () => {
    const leaderToken = 'leader-token-0123456789';
    const wallboardToken = 'wallboard-token-0123456789';

    it('needs the leader token for the agents and alarms views; the wallboard is public', async () => {
      const monitor = await startMonitor({
        auth: { tokens: { leader: leaderToken, wallboard: wallboardToken } },
      });
      try {
        const anonymous = await TestClient.open(monitor.wsUrl);
        expect((await anonymous.next('hello')).data).toMatchObject({
          role: 'public',
          allowedViews: ['wallboard'],
        });
        anonymous.subscribe({ views: ['wallboard', 'agents'] });
        expect((await anonymous.next('error')).data).toMatchObject({ code: 'UNAUTHORIZED' });
        anonymous.subscribe();
        await anonymous.next('snapshot');
        anonymous.close();

        const byQuery = await TestClient.open(`${monitor.wsUrl}?token=${leaderToken}`);
        const byHeader = await TestClient.open(monitor.wsUrl, {
          headers: { Authorization: `Bearer ${leaderToken}` },
        });
        const byProtocol = await TestClient.open(monitor.wsUrl, {
          protocols: ['hotline.v1', `token.${leaderToken}`],
        });
        expect(byProtocol.ws.protocol).toBe('hotline.v1');
        for (const client of [byQuery, byHeader, byProtocol]) {
          expect((await client.next('hello')).data.role).toBe('leader');
          client.subscribe({ views: ['agents', 'alarms'] });
          expect(
            Object.keys((await client.next('snapshot')).data.sections as Sections).sort(),
          ).toEqual([
            'agentCounts',
            'agents',
            'alarms',
            'coverage',
            'kpis',
            'live',
            'staffing',
            'trend',
            'waiting',
          ]);
          client.close();
        }

        const wrong = await TestClient.open(`${monitor.wsUrl}?token=not-a-valid-token-at-all`);
        expect(await wrong.waitClosed()).toEqual({ code: 4401, reason: 'unauthorized' });

        expect((await fetch(`${monitor.baseUrl}/`)).status).toBe(200);
        expect((await fetch(`${monitor.baseUrl}/leader`)).status).toBe(401);
        expect((await fetch(`${monitor.baseUrl}/leader?token=${wallboardToken}`)).status).toBe(401);
        expect((await fetch(`${monitor.baseUrl}/leader?token=${leaderToken}`)).status).toBe(200);
      } finally {
        await monitor.close();
      }
    });

    it('refuses anonymous clients at the upgrade when the wallboard is not public', async () => {
      const monitor = await startMonitor({
        auth: { wallboardPublic: false, tokens: { wallboard: wallboardToken } },
      });
      try {
        // A role that may view nothing never gets a session: 401 before the upgrade.
        expect(await upgradeStatus(monitor.wsUrl)).toBe(401);
        expect(monitor.hub.sessionCount).toBe(0);
        const board = await TestClient.open(`${monitor.wsUrl}?token=${wallboardToken}`);
        board.subscribe();
        await board.next('snapshot');
        board.close();
        expect((await fetch(`${monitor.baseUrl}/`)).status).toBe(401);
        expect((await fetch(`${monitor.baseUrl}/?token=${wallboardToken}`)).status).toBe(200);
      } finally {
        await monitor.close();
      }
    });
  });
});
