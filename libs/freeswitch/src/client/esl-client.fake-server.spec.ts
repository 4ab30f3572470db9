import { EslClient } from './esl-client';
import type { EslClientListener } from './esl-client-listener';
import type { EslEvent } from '../protocol/esl-event';
import type { EslError } from '../protocol/esl-error';
import { FakeEslServer } from '../testing/fake-esl-server.factory';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe(EslClient.name, () => {
  let server: FakeEslServer;
  let port: number;
  let client: EslClient | undefined;

  beforeEach(async () => {
    server = new FakeEslServer('ClueCon');
    port = await server.listen();
  });

  afterEach(async () => {
    client?.stop();
    client = undefined;
    await server.close();
  });

  function startClient(listener: EslClientListener, password = 'ClueCon'): EslClient {
    client = new EslClient(
      {
        host: '127.0.0.1',
        port,
        password,
        commandTimeoutMs: 1_000,
        reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
      },
      listener,
    );
    client.start();
    return client;
  }

  it('authenticates, subscribes to exactly the callcenter events, heartbeat and job results, and delivers events', async () => {
    const connected = deferred<void>();
    const received = deferred<EslEvent>();
    const c = startClient({
      onConnected: () => connected.resolve(),
      onEvent: (event) => received.resolve(event),
    });
    await connected.promise;
    expect(c.state).toBe('connected');
    expect(server.sessions[0].commands).toEqual([
      'auth ClueCon',
      'event plain HEARTBEAT BACKGROUND_JOB CUSTOM callcenter::info',
    ]);
    FakeEslServer.event(server.sessions[0].socket, {
      'Event-Name': 'CUSTOM',
      'Event-Subclass': 'callcenter::info',
      'CC-Action': 'agent-status-change',
      'CC-Agent': '1001@default',
      'CC-Agent-Status': 'On Break',
    });
    const event = await received.promise;
    expect(event.get('CC-Agent')).toBe('1001@default');
    expect(event.get('CC-Agent-Status')).toBe('On Break');
  });

  it('runs api and bgapi commands and returns their output', async () => {
    const connected = deferred<void>();
    server.onCommand = ({ socket }, command) => {
      if (command === 'api callcenter_config agent list')
        FakeEslServer.apiResponse(socket, 'name|status\n1001@default|Available\n+OK\n');
      const job = /^bgapi status\nJob-UUID: (.+)$/.exec(command);
      if (job) {
        FakeEslServer.reply(socket, `+OK Job-UUID: ${job[1]}`);
        FakeEslServer.event(
          socket,
          { 'Event-Name': 'BACKGROUND_JOB', 'Job-UUID': job[1] },
          'UP 0 years, 0 days\n',
        );
      }
    };
    const c = startClient({ onConnected: () => connected.resolve() });
    await connected.promise;
    await expect(c.api('callcenter_config agent list')).resolves.toBe(
      'name|status\n1001@default|Available\n+OK\n',
    );
    await expect(c.bgapi('status')).resolves.toBe('UP 0 years, 0 days\n');
  });

  it('treats a refused password as fatal, says so, and does not retry', async () => {
    const fatal = deferred<EslError>();
    const disconnected = jest.fn();
    const c = startClient(
      { onFatal: (error) => fatal.resolve(error), onDisconnected: disconnected },
      'wrong',
    );
    const error = await fatal.promise;
    expect(error.code).toBe('ESL_ERR_AUTH');
    expect(error.message).toMatch(/refused the Event Socket password.*not retrying/);
    expect(c.state).toBe('failed');
    expect(disconnected).not.toHaveBeenCalled();
    await expect(c.api('status')).rejects.toMatchObject({ code: 'ESL_ERR_NOT_CONNECTED' });
    expect(server.sessions).toHaveLength(1);
  });

  it('rejects pending commands when the link drops, then reconnects and resubscribes', async () => {
    let connections = 0;
    const firstUp = deferred<void>();
    const secondUp = deferred<void>();
    const disconnected = jest.fn();
    const c = startClient({
      onConnected: () => (++connections === 1 ? firstUp.resolve() : secondUp.resolve()),
      onDisconnected: disconnected,
    });
    await firstUp.promise;
    server.onCommand = ({ socket }) => socket.destroy();
    await expect(c.api('callcenter_config agent list')).rejects.toMatchObject({
      code: 'ESL_ERR_DISCONNECTED',
    });
    server.onCommand = ({ socket }) => FakeEslServer.apiResponse(socket, '+OK\n');
    await secondUp.promise;
    expect(disconnected).toHaveBeenCalledTimes(1);
    expect(server.sessions).toHaveLength(2);
    expect(server.sessions[1].commands[1]).toBe(
      'event plain HEARTBEAT BACKGROUND_JOB CUSTOM callcenter::info',
    );
    await expect(c.api('status')).resolves.toBe('+OK\n');
  });

  it('times an api command out, then drops its late reply instead of handing it to the next command', async () => {
    const connected = deferred<void>();
    const held: (() => void)[] = [];
    server.onCommand = ({ socket }, command) => {
      if (command === 'api slow') held.push(() => FakeEslServer.apiResponse(socket, 'slow result'));
      else {
        held.splice(0).forEach((send) => send());
        FakeEslServer.apiResponse(socket, `result of ${command}`);
      }
    };
    const c = startClient({ onConnected: () => connected.resolve() });
    await connected.promise;
    await expect(c.api('slow', 30)).rejects.toMatchObject({ code: 'ESL_ERR_TIMEOUT' });
    await expect(c.api('fast')).resolves.toBe('result of api fast');
  });

  it('probes a silent link with api status and drops it when the probe gets no answer', async () => {
    const firstUp = deferred<void>();
    const dropped = deferred<Error>();
    server.onCommand = () => undefined; // FreeSWITCH hung: reads commands, answers nothing
    client = new EslClient(
      {
        host: '127.0.0.1',
        port,
        password: 'ClueCon',
        heartbeatIntervalMs: 20,
        heartbeatTimeoutMs: 20,
        reconnect: { initialDelayMs: 5 },
      },
      { onConnected: () => firstUp.resolve(), onDisconnected: (reason) => dropped.resolve(reason) },
    );
    client.start();
    await firstUp.promise;
    await dropped.promise;
    expect(server.sessions[0].commands).toContain('api status');
  });

  it('refuses a command with a line break before it reaches the socket', async () => {
    const connected = deferred<void>();
    const c = startClient({ onConnected: () => connected.resolve() });
    await connected.promise;
    await expect(c.api('status\n\napi fsctl shutdown')).rejects.toMatchObject({
      code: 'ESL_ERR_INJECTION',
    });
    expect(server.sessions[0].commands).toHaveLength(2);
  });
});
