import { connect, type Socket } from 'node:net';
import {
  buildInFlightView,
  EslClient,
  EslDecoder,
  parseCallcenterTable,
  type EslEvent,
  type EslMessage,
} from '@hotline/freeswitch';
import { loadScenario } from '../model/load-scenario';
import { EslSimulatorServer } from './esl-simulator-server';

const startAt = Date.parse('2021-01-04T10:00:00+08:00');

function rawSession(port: number): {
  socket: Socket;
  messages: EslMessage[];
  next: (count: number) => Promise<EslMessage[]>;
  closed: Promise<void>;
} {
  const socket = connect({ host: '127.0.0.1', port });
  const decoder = new EslDecoder();
  const messages: EslMessage[] = [];
  let waiter: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    messages.push(...decoder.push(chunk));
    waiter?.();
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const next = (count: number): Promise<EslMessage[]> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (messages.length >= count) resolve(messages.slice(0, count));
      };
      waiter = check;
      check();
    });
  return { socket, messages, next, closed };
}

describe(`${EslSimulatorServer.name} login and lists`, () => {
  let simulator: EslSimulatorServer;

  beforeAll(async () => {
    simulator = await EslSimulatorServer.start({
      scenario: { ...loadScenario('small-demo'), skills: { en: 0.5, full: 0.15 } },
      seed: 5,
      speed: 600,
      startAt,
      durationMs: 3600_000,
      password: 's3cret',
      heartbeatIntervalMs: 50,
    });
  });

  afterAll(() => simulator.stop());

  it('greets with auth/request and closes the session on a wrong password, like mod_event_socket', async () => {
    const session = rawSession(simulator.port);
    const [greeting] = await session.next(1);
    expect(greeting.contentType).toBe('auth/request');
    session.socket.write('auth ClueCon\n\n');
    const messages = await session.next(2);
    expect(messages[1].contentType).toBe('command/reply');
    expect(messages[1].replyText).toBe('-ERR invalid');
    await session.closed;
    expect(session.messages.at(-1)?.contentType).toBe('text/disconnect-notice');
  });

  it('accepts the password, the event subscription, and answers api with api/response', async () => {
    const session = rawSession(simulator.port);
    await session.next(1);
    session.socket.write('auth s3cret\n\n');
    session.socket.write('event plain HEARTBEAT CUSTOM callcenter::info\n\n');
    session.socket.write('api status\n\n');
    session.socket.write('api no_such_command\n\n');
    const [, auth, subscribed, status, unknown] = await session.next(5);
    expect(auth.replyText).toBe('+OK accepted');
    expect(subscribed.replyText).toBe('+OK event listener enabled plain');
    expect(status.contentType).toBe('api/response');
    expect(status.body).toMatch(/^UP 0 years, 0 days, \d+ hours, \d+ minutes, /);
    expect(status.body).toContain('FreeSWITCH (Version 1.10.12-release 64bit) is ready');
    expect(unknown.body).toBe('-ERR no_such_command Command not found!\n');
    session.socket.destroy();
  });

  it('sends only the subscribed events: HEARTBEAT and callcenter::info', async () => {
    const session = rawSession(simulator.port);
    await session.next(1);
    session.socket.write('auth s3cret\n\nevent plain HEARTBEAT CUSTOM callcenter::info\n\n');
    const seen = (): EslEvent[] => session.messages.flatMap((m) => (m.event ? [m.event] : []));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const events = seen();
        if (events.some((e) => e.name === 'HEARTBEAT') && events.some((e) => e.subclass)) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    const events = seen();
    expect(events.every((e) => e.name === 'HEARTBEAT' || e.subclass === 'callcenter::info')).toBe(
      true,
    );
    const heartbeat = events.find((e) => e.name === 'HEARTBEAT');
    expect(heartbeat?.get('FreeSWITCH-Version')).toBe('1.10.12-release~64bit');
    expect(heartbeat?.get('Event-Info')).toBe('System Ready');
    session.socket.destroy();
  });

  it('prints callcenter_config lists the monitor reads into its in-flight view', async () => {
    const client = new EslClient({ host: '127.0.0.1', port: simulator.port, password: 's3cret' });
    const connected = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (client.isConnected) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    client.start();
    await connected;
    const members = await client.api('callcenter_config queue list members 12345@default');
    const agents = await client.api('callcenter_config agent list');
    const tiers = await client.api('callcenter_config tier list');
    client.stop();
    expect(members.split('\n')[0]).toBe(
      'queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state|score',
    );
    expect(members.trimEnd().endsWith('+OK')).toBe(true);
    const agentRows = parseCallcenterTable(agents);
    expect(agentRows.length).toBe(12);
    expect(agentRows.every((r) => /^\d+@default$/.test(r.name))).toBe(true);
    expect(agentRows.some((r) => r.status === 'Available')).toBe(true);
    const tierRows = parseCallcenterTable(tiers);
    expect(new Set(tierRows.map((t) => t.queue))).toEqual(
      new Set(['12345@default', '12345-en@default', '12345-full@default']),
    );
    const view = buildInFlightView([members], agents, simulator.now, tiers);
    expect(view.agents).toHaveLength(12);
    expect(view.agents.every((a) => a.queues.length > 0)).toBe(true);
    for (const row of parseCallcenterTable(members))
      expect(['Waiting', 'Trying', 'Answered']).toContain(row.state);
  });

  it('answers bgapi with a Job-UUID and a BACKGROUND_JOB carrying the result', async () => {
    const session = rawSession(simulator.port);
    await session.next(1);
    session.socket.write(
      'auth s3cret\n\nevent plain BACKGROUND_JOB\n\nbgapi callcenter_config tier list\nJob-UUID: job-1\n\n',
    );
    const messages = await session.next(5);
    expect(messages[3].replyText).toBe('+OK Job-UUID: job-1');
    const job = messages[4].event;
    expect(job?.name).toBe('BACKGROUND_JOB');
    expect(job?.get('Job-UUID')).toBe('job-1');
    expect(job?.body.startsWith('queue|agent|state|level|position\n')).toBe(true);
    session.socket.destroy();
  });
});
