import type { PbxSimulator } from '../pbx-simulator';
import { startSmallDemo } from '../testing/small-demo-simulator';

interface ManagerEvent {
  event?: string;
  response?: string;
  ping?: string;
  timestamp?: string;
  queue?: string;
  eventlist?: string;
}
interface Manager {
  on(event: string, listener: (e: ManagerEvent) => void): void;
  action(
    action: Record<string, string>,
    callback: (error: unknown, response: ManagerEvent) => void,
  ): void;
  disconnect(): void;
}
// asterisk-manager (an independent AMI client from npm) ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AsteriskManager = require('asterisk-manager') as (
  port: number,
  host: string,
  username: string,
  secret: string,
  events: boolean,
) => Manager;

describe('AmiServer (with the asterisk-manager npm client)', () => {
  let sim: PbxSimulator;
  let ami: Manager;

  beforeAll(async () => {
    sim = await startSmallDemo({
      seed: 9,
      durationMs: 3600_000,
      speed: 120,
      ami: { username: 'monitor' },
    });
    ami = AsteriskManager(sim.port, '127.0.0.1', 'monitor', 'secret', true);
  });
  afterAll(async () => {
    ami.disconnect();
    await sim.stop();
  });

  it('receives queue events with a Timestamp', async () => {
    const join = await new Promise<ManagerEvent>((resolve) => ami.on('queuecallerjoin', resolve));
    expect(join.queue).toMatch(/^12345/);
    expect(Number(join.timestamp)).toBeGreaterThan(Date.parse('2021-01-04T00:00:00Z') / 1000);
  });

  it('gets Pong for Ping', async () => {
    const response = await new Promise<ManagerEvent>((resolve, reject) =>
      ami.action({ action: 'Ping' }, (error, res) =>
        error ? reject(new Error('ping failed')) : resolve(res),
      ),
    );
    expect(response.ping).toBe('Pong');
  });

  it('gets a complete QueueStatus list', async () => {
    const complete = new Promise<ManagerEvent>((resolve) => ami.on('queuestatuscomplete', resolve));
    ami.action({ action: 'QueueStatus' }, () => undefined);
    expect((await complete).eventlist).toBe('Complete');
  });
});
