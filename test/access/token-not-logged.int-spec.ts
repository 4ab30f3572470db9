// The scripted source replaces the PBX adapter, so the AMI client is never needed here.
jest.mock('../../apps/monitor/src/pbx/call-source.factory', () => ({
  CallSourceFactory: class CallSourceFactory {},
}));

import type { CallEvent } from '@hotline/call-events';
import { TestClient } from '../wallboard/monitor-harness';
import { startAccessApp, type AccessApp } from './access-app';

jest.setTimeout(60_000);

const LEADER = 'leader-token-that-must-not-be-logged';
const WALLBOARD = 'wallboard-token-never-in-the-log';
const WRONG = 'a-wrong-token-also-stays-out-of-it';
const CALLER = '13812345678';

describe('the log of a page load', () => {
  const lines: string[] = [];
  let monitor: AccessApp;

  beforeAll(async () => {
    monitor = await startAccessApp(
      {
        log: { level: 'debug' },
        // A wallboard token beside a public wallboard: the start-up warning is logged.
        auth: { tokens: { leader: LEADER, wallboard: WALLBOARD } },
      },
      { logDestination: { write: (line: string) => void lines.push(line) } },
    );
    monitor.pbx.connect();
    const at = Date.now() - 10_000;
    const joined = (queue: string, offset: number): CallEvent => ({
      type: 'caller-joined-queue',
      at: at + offset,
      callId: 'c1',
      contactId: 'k1',
      queue,
      callerNumber: CALLER,
    });
    // A call joining a second queue while waiting: an anomaly, logged once with its event.
    monitor.pbx.emit(joined('q1', 0), joined('q2', 5));
  });
  afterAll(() => monitor.close());

  it('holds no token, cookie or caller number, but does record the requests', async () => {
    const { baseUrl } = monitor;
    const page = await fetch(`${baseUrl}/leader?token=${LEADER}&lang=en`);
    expect(page.status).toBe(200);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toBe(`hotline_token=${LEADER}`);
    // What the page then loads, as a browser that ignores Referrer-Policy would send it.
    const referer = `${baseUrl}/leader?token=${LEADER}&lang=en`;
    for (const asset of ['/assets/css/board.css', '/assets/js/leader.js']) {
      const response = await fetch(`${baseUrl}${asset}`, {
        headers: { Referer: referer, Cookie: cookie },
      });
      expect(response.status).toBe(200);
    }
    const headers = { Authorization: `Bearer ${LEADER}` };
    expect((await fetch(`${baseUrl}/api/v1/snapshot`, { headers })).status).toBe(200);
    expect((await fetch(`${baseUrl}/api/v1/snapshot?token=${LEADER}`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/api/v1/snapshot?token=${LEADER}&bogus=1`)).status).toBe(400);
    expect((await fetch(`${baseUrl}/api/v1/snapshot?token=${WRONG}`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/no-such-page?token=${LEADER}`)).status).toBe(404);
    const ws = await TestClient.open(`${monitor.wsUrl}?token=${LEADER}`, {
      protocols: ['hotline.v1', `token.${WALLBOARD}`],
      headers: { Cookie: cookie },
    });
    await ws.next('hello');
    ws.close();

    const log = lines.join('');
    // The log is there and says what happened…
    expect(log).toContain('"url":"/leader?token=[REDACTED]&lang=en"');
    expect(log).toContain(`"referer":"${baseUrl}/leader?token=[REDACTED]&lang=en"`);
    expect(log).toContain('"authorization":"[REDACTED]"');
    expect(log).toContain('"cookie":"[REDACTED]"');
    expect(log).toContain('"set-cookie":"[REDACTED]"');
    expect(log).toContain('"statusCode":401');
    expect(log).toContain('the wallboard is public and its token is not needed');
    expect(log).toContain('"callerNumber":"*******5678"');
    // …and holds none of the secrets, nor a whole caller number.
    for (const secret of [LEADER, WALLBOARD, WRONG, encodeURIComponent(LEADER), CALLER]) {
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
