// The scripted source replaces the PBX adapter, so the AMI client is never needed here.
jest.mock('../../apps/monitor/src/pbx/call-source.factory', () => ({
  CallSourceFactory: class CallSourceFactory {},
}));

import { Controller, Get } from '@nestjs/common';
import type { CallEvent } from '@hotline/call-events';
import { ACCESS_LEVELS, ROLES, type AccessLevel, type Role } from '@hotline/access';
import { startMonitor, TestClient, type RunningMonitor } from '../wallboard/monitor-harness';
import { startAccessApp } from './access-app';
import { documentedRoutes, routeKey, routesOf, type DocumentedRoute } from './route-table';

jest.setTimeout(120_000);

const TOKENS = {
  wallboard: 'route-walk-wallboard-token-0001',
  leader: 'route-walk-leader-token-000002',
  admin: 'route-walk-admin-token-0000003',
  metrics: 'route-walk-metrics-token-00004',
};
const WRONG_TOKEN = 'route-walk-matches-no-role-005';
const tokenOf = (role: Role) => (role === 'public' ? undefined : TOKENS[role]);

/** Callers left waiting, so their numbers are in every live view: 7, 8, 11 and 15 digits. */
const CALLERS = ['6543210', '87654321', '13912345678', '861391234567890'];
/** What a leader sees of each (libs/access maskCallerNumber, written out by hand). */
const LEADER_SEES = ['****210', '****4321', '*******5678', '***********7890'];
/** A number that reaches /health/ready through an anomaly's example event. */
const ANOMALY_CALLER = '13700001234';

/** Who may open a route of each access level (the same table as docs/security.md). */
const PRIVATE_BOARD: Record<AccessLevel, Role[]> = {
  public: [...ROLES],
  wallboard: ['wallboard', 'leader', 'admin'],
  leader: ['leader', 'admin'],
  admin: ['admin'],
  metrics: ['metrics', 'admin'],
};
const PUBLIC_BOARD: Record<AccessLevel, Role[]> = { ...PRIVATE_BOARD, wallboard: [...ROLES] };
const OPEN: Record<AccessLevel, Role[]> = Object.fromEntries(
  ACCESS_LEVELS.map((level) => [level, [...ROLES]]),
) as Record<AccessLevel, Role[]>;

const PAGES = new Set(['GET /', 'GET /leader', 'GET /leader/rota', 'GET /platform']);

const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const localMonth = localDay.slice(0, 7);
const inFirstIntervalOfDay = (() => {
  const [hour, minute] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date())
    .split(':')
    .map(Number);
  // One minute beyond the interval: the suite runs for a while after this line.
  return hour === 0 && minute < 16;
})();
const weekStart = (() => {
  const day = new Date(`${localDay}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
})();

/**
 * A request for each route and what it answers once let through. A new route needs a line
 * here (and in the README table), or this test fails.
 */
const SAMPLES: Record<string, { url: string; ok: number[] }> = {
  'GET /': { url: '/', ok: [200] },
  'GET /leader': { url: '/leader', ok: [200] },
  'GET /platform': { url: '/platform', ok: [200] },
  'GET /leader/rota': { url: '/leader/rota', ok: [200] },
  'GET /assets/:dir/:file': { url: '/assets/js/wallboard.js', ok: [200] },
  'GET /favicon.ico': { url: '/favicon.ico', ok: [200] },
  'GET /health': { url: '/health', ok: [200] },
  'GET /health/ready': { url: '/health/ready', ok: [200] },
  'GET /metrics': { url: '/metrics', ok: [200] },
  'GET /api/v1/snapshot': { url: '/api/v1/snapshot', ok: [200] },
  'GET /api/v1/month': { url: '/api/v1/month', ok: [200] },
  'GET /api/v1/sites': { url: '/api/v1/sites', ok: [200] },
  'GET /api/v1/staffing/now': { url: '/api/v1/staffing/now', ok: [200] },
  'GET /api/v1/staffing/forecast': { url: '/api/v1/staffing/forecast?hours=2', ok: [200] },
  // A fresh store knows of this week only today's finished 15-minute intervals: in a day's first
  // interval there is none yet, and the route says so with a 404 after the guard let the role in.
  'GET /api/v1/staffing/rota': {
    url: `/api/v1/staffing/rota?weekStart=${weekStart}`,
    ok: inFirstIntervalOfDay ? [200, 404] : [200],
  },
  // A plan is a solver run of up to staffing.planner.timeLimitSeconds: a day that is no Monday
  // gets its 400 only after the guard let the role through, which is what is walked here.
  'GET /api/v1/staffing/rota/plan': {
    url: `/api/v1/staffing/rota/plan?weekStart=2026-13-01`,
    ok: [400],
  },
  'GET /api/v1/reports/kpi': {
    url: `/api/v1/reports/kpi?from=${localDay}&to=${localDay}&by=day`,
    ok: [200],
  },
  'GET /api/v1/reports/peak-hours': {
    url: `/api/v1/reports/peak-hours?from=${localDay}&to=${localDay}`,
    ok: [200],
  },
  'GET /api/v1/reports/scorecard': {
    url: `/api/v1/reports/scorecard?from=${localMonth}&to=${localMonth}`,
    ok: [200],
  },
  'GET /api/v1/reports/files': { url: '/api/v1/reports/files', ok: [200] },
  'GET /api/v1/reports/files/:name': { url: '/api/v1/reports/files/none-such.csv', ok: [404] },
  'GET /api/v1/reports/jobs': { url: '/api/v1/reports/jobs', ok: [200] },
  'GET /api/v1/reports/jobs/:id': { url: '/api/v1/reports/jobs/none-such', ok: [404] },
  'GET /api/v1/alarms/history': { url: `/api/v1/alarms/history?from=${localDay}`, ok: [200] },
  'GET /api/v1/storage/status': { url: '/api/v1/storage/status', ok: [200] },
};

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
  readonly headers: Headers;
}

async function get(
  monitor: RunningMonitor,
  route: DocumentedRoute,
  token: string | undefined,
  via: 'header' | 'query' = PAGES.has(routeKey(route)) ? 'query' : 'header',
): Promise<Answer> {
  const sample = SAMPLES[routeKey(route)];
  let url = sample.url;
  const headers: Record<string, string> = {};
  if (token !== undefined && via === 'header') headers.Authorization = `Bearer ${token}`;
  if (token !== undefined && via === 'query')
    url += `${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
  const response = await fetch(`${monitor.baseUrl}${url}`, { headers, redirect: 'manual' });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
    headers: response.headers,
  };
}

function expectOneOf(what: string, status: number, ok: number[]): void {
  if (!ok.includes(status))
    throw new Error(`${what}: answered ${status}, expected ${ok.join(' or ')}`);
}

/** A full caller number anywhere (not inside a longer run of digits). */
function fullNumbersIn(body: string): string[] {
  return [...CALLERS, ANOMALY_CALLER].filter((n) =>
    new RegExp(`(?<![0-9])${n}(?![0-9])`).test(body),
  );
}

/** Data responses (not the static pages and scripts, which hold none). */
const isData = (answer: Answer) => !/text\/(html|css|javascript)/.test(answer.type);

function expectNoLeak(answer: Answer, role: Role, what: string): void {
  expect({ what, full: fullNumbersIn(answer.body) }).toEqual({ what, full: [] });
  if (isData(answer) && role !== 'leader' && role !== 'admin') {
    // Below leader not even the last digits: every masked number is stars only.
    expect({ what, partlyMasked: /\*\d/.test(answer.body) }).toEqual({
      what,
      partlyMasked: false,
    });
  }
}

const joined = (callId: string, queue: string, at: number, callerNumber: string): CallEvent => ({
  type: 'caller-joined-queue',
  at,
  callId,
  contactId: `contact-${callId}`,
  queue,
  callerNumber,
});

async function seed(monitor: RunningMonitor): Promise<void> {
  monitor.pbx.connect({
    agents: [{ agent: 'PJSIP/8001', state: 'available', queues: ['q1'] }],
  });
  const at = Date.now() - 30_000;
  monitor.pbx.emit(
    ...CALLERS.map((number, i) => joined(`w${i}`, 'q1', at + i, number)),
    // The same call joining a second queue: a "conflicting-join" anomaly with this event.
    joined('w0', 'q2', at + 10, ANOMALY_CALLER),
  );
  // The live view has the callers once the engine has applied the events.
  for (let i = 0; i < 50 && monitor.live.snapshot({}).live.waiting.length < CALLERS.length; i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(monitor.live.snapshot({}).live.waiting).toHaveLength(CALLERS.length);
}

describe('every HTTP route × every role × {no token, wrong token, right token}', () => {
  it('the README table lists exactly the routes of Nest’s router, each with a request here', async () => {
    const monitor = await startMonitor({ auth: { tokens: TOKENS } });
    try {
      const registered = routesOf(monitor.app).map(routeKey).sort();
      const documented = documentedRoutes().map(routeKey).sort();
      expect(registered.length).toBeGreaterThan(10);
      expect({ undocumented: registered.filter((r) => !documented.includes(r)) }).toEqual({
        undocumented: [],
      });
      expect({ notRegistered: documented.filter((r) => !registered.includes(r)) }).toEqual({
        notRegistered: [],
      });
      expect({ noSample: registered.filter((r) => !SAMPLES[r]) }).toEqual({ noSample: [] });
    } finally {
      await monitor.close();
    }
  });

  describe.each([
    ['a private wallboard', { wallboardPublic: false, tokens: TOKENS }, PRIVATE_BOARD],
    ['a public wallboard', { wallboardPublic: true, tokens: TOKENS }, PUBLIC_BOARD],
    ['no tokens (open LAN)', { wallboardPublic: true, tokens: {} }, OPEN],
  ] as const)('with %s', (_, auth, table) => {
    let monitor: RunningMonitor;
    const tokensSet = Object.keys(auth.tokens).length > 0;

    beforeAll(async () => {
      monitor = await startMonitor({ auth });
      await seed(monitor);
    });
    afterAll(() => monitor.close());

    it.each(documentedRoutes().map((r) => [routeKey(r), r] as const))(
      '%s answers each role as its access says, and masks callers',
      async (_key, route) => {
        const ok = SAMPLES[routeKey(route)].ok;
        const page = PAGES.has(routeKey(route));
        const allowed = (role: Role) => table[route.access].includes(role);

        const none = await get(monitor, route, undefined);
        if (allowed('public')) expectOneOf('without a token', none.status, ok);
        else {
          expect(none.status).toBe(401);
          expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
        }
        expectNoLeak(none, 'public', `${routeKey(route)} without a token`);

        const wrong = await get(monitor, route, WRONG_TOKEN);
        if (route.access === 'public' || !tokensSet) expectOneOf('a wrong token', wrong.status, ok);
        else expect(wrong.status).toBe(401);
        expectNoLeak(wrong, 'public', `${routeKey(route)} with a wrong token`);

        if (!tokensSet) return;
        for (const role of ROLES.filter((r) => r !== 'public')) {
          const answer = await get(monitor, route, tokenOf(role));
          const what = `${routeKey(route)} as ${role}`;
          if (allowed(role)) expectOneOf(what, answer.status, ok);
          else expect({ what, status: answer.status }).toEqual({ what, status: page ? 401 : 403 });
          expectNoLeak(answer, role, what);
          if (!page && allowed(role)) {
            // ?token= is a credential on REST too (not a 400 "Unrecognized key").
            const byQuery = await get(monitor, route, tokenOf(role), 'query');
            expect({ what, status: byQuery.status }).toEqual({ what, status: answer.status });
          }
        }
      },
    );

    it('shows a leader the last digits of waiting callers and anyone else none', async () => {
      const snapshot = documentedRoutes().find(
        (r) => r.path === '/api/v1/snapshot',
      ) as DocumentedRoute;
      const viewers: Role[] = tokensSet ? ['leader', 'admin'] : ['public'];
      for (const role of viewers) {
        const answer = await get(monitor, snapshot, tokenOf(role));
        const waiting = (
          JSON.parse(answer.body) as { kpi: { live: { waiting: { callerNumber: string }[] } } }
        ).kpi.live.waiting.map((w) => w.callerNumber);
        expect(waiting.sort()).toEqual(
          (role === 'public' ? CALLERS.map((n) => '*'.repeat(n.length)) : LEADER_SEES).sort(),
        );
      }
      // The anomaly's example event reaches the public readiness probe with its number starred.
      const ready = await fetch(`${monitor.baseUrl}/health/ready`);
      expect(await ready.text()).toContain(`"callerNumber":"${'*'.repeat(ANOMALY_CALLER.length)}"`);
    });

    it('gives the WebSocket the same roles and masks, by cookie or token', async () => {
      const views = (role: Role) => [
        ...(table.wallboard.includes(role) ? ['wallboard'] : []),
        ...(table.leader.includes(role) ? ['agents', 'alarms'] : []),
      ];
      const cases: [string, Record<string, string>, Role | 'invalid'][] = [
        ['no token', {}, 'public'],
        [
          'a wrong token',
          { Cookie: `hotline_token=${WRONG_TOKEN}` },
          tokensSet ? 'invalid' : 'public',
        ],
        ...(tokensSet
          ? ROLES.filter((r) => r !== 'public').map(
              (role) =>
                [`the ${role} cookie`, { Cookie: `hotline_token=${tokenOf(role)}` }, role] as [
                  string,
                  Record<string, string>,
                  Role,
                ],
            )
          : []),
      ];
      if (tokensSet) {
        // A page of another origin cannot ride on the leader's cookie.
        cases.push([
          'the leader cookie from another origin',
          { Cookie: `hotline_token=${TOKENS.leader}`, Origin: 'http://evil.example' },
          'public',
        ]);
      }
      for (const [what, headers, role] of cases) {
        if (role !== 'invalid' && views(role).length === 0) {
          // A role that may view nothing is refused at the upgrade (issue 12, D3): no session.
          await expect(TestClient.open(monitor.wsUrl, { headers })).rejects.toThrow(/401/);
          continue;
        }
        const client = await TestClient.open(monitor.wsUrl, { headers });
        if (role === 'invalid') {
          expect({ what, closed: await client.waitClosed() }).toEqual({
            what,
            closed: { code: 4401, reason: 'unauthorized' },
          });
          continue;
        }
        const hello = await client.next('hello');
        expect({ what, role: hello.data.role, views: hello.data.allowedViews }).toEqual({
          what,
          role,
          views: views(role),
        });
        if (views(role).length > 0) {
          client.subscribe({ views: views(role) });
          const snapshot = await client.next('snapshot');
          const waiting = (snapshot.data.sections as { waiting?: { caller: string }[] }).waiting;
          if (views(role).includes('agents')) {
            expect({ what, callers: waiting?.map((w) => w.caller).sort() }).toEqual({
              what,
              callers: (role === 'leader' || role === 'admin'
                ? LEADER_SEES
                : CALLERS.map((n) => '*'.repeat(n.length))
              ).sort(),
            });
          }
        }
        const raw = client.raw.join('\n');
        expectNoLeak(
          { status: 200, type: 'application/json', body: raw, headers: new Headers() },
          role,
          `/ws with ${what}`,
        );
        client.close();
      }
    });
  });

  it('keeps a page token in an HttpOnly cookie that the page and the API then accept', async () => {
    const monitor = await startMonitor({ auth: { wallboardPublic: false, tokens: TOKENS } });
    try {
      const first = await fetch(`${monitor.baseUrl}/leader?token=${TOKENS.leader}&lang=en`);
      expect(first.status).toBe(200);
      expect(first.headers.get('referrer-policy')).toBe('no-referrer');
      expect(first.headers.get('cache-control')).toBe('no-store');
      const cookie = first.headers.get('set-cookie') ?? '';
      expect(cookie).toBe(`hotline_token=${TOKENS.leader}; Path=/; HttpOnly; SameSite=Lax`);
      const jar = { Cookie: cookie.split(';')[0] };
      expect((await fetch(`${monitor.baseUrl}/leader`, { headers: jar })).status).toBe(200);
      expect((await fetch(`${monitor.baseUrl}/api/v1/snapshot`, { headers: jar })).status).toBe(
        200,
      );
      expect(
        (await fetch(`${monitor.baseUrl}/api/v1/storage/status`, { headers: jar })).status,
      ).toBe(403);
      // Behind a TLS proxy the cookie is Secure.
      const tls = await fetch(`${monitor.baseUrl}/?token=${TOKENS.wallboard}`, {
        headers: { 'X-Forwarded-Proto': 'https' },
      });
      expect(tls.headers.get('set-cookie')).toMatch(/; Secure$/);
    } finally {
      await monitor.close();
    }
  });
});

@Controller('added-without-access')
class UndeclaredController {
  @Get()
  leak(): string {
    return 'data nobody declared';
  }
}

describe('a route that declares no access', () => {
  it('is refused to every role, and the route walk would flag it', async () => {
    const { app, baseUrl, close } = await startAccessApp(
      { auth: { tokens: TOKENS } },
      { controllers: [UndeclaredController] },
    );
    try {
      for (const token of [undefined, ...Object.values(TOKENS)]) {
        const response = await fetch(`${baseUrl}/added-without-access`, {
          headers: token ? { Authorization: `Bearer ${token}` } : {},
        });
        expect(response.status).toBe(403);
        expect(await response.text()).not.toContain('data nobody declared');
      }
      const documented = documentedRoutes().map(routeKey);
      expect(
        routesOf(app)
          .map(routeKey)
          .filter((r) => !documented.includes(r)),
      ).toEqual(['GET /added-without-access']);
    } finally {
      await close();
    }
  });
});
