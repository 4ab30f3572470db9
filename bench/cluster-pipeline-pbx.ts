/**
 * The cluster pipeline bench's PBX, in a child process of its own (its CPU must not be billed
 * to the stage measured): the simulator's traffic model renders `days` busy days as AMI
 * (with Asterisk's channel noise: every VarSet, Newexten, …), once, before it says ready; then
 * the simulator's own AMI server answers each client's Login and resync actions on the state
 * at the run's start, and after its CoreShowChannels streams as fast as the client reads
 * (TCP backpressure), in chunks cut at message ends so the replies to later actions (the
 * heartbeat's Ping) fit between them:
 * - a client without filters gets the first day, unfiltered (as Asterisk sends it to a client
 *   whose Filter actions it refused, or with filtering off);
 * - a client that sent `Filter` actions gets every day, only the events the monitor's default
 *   filters (amiEventFilters) let through, filtered as Asterisk does (the simulator's
 *   AmiEventFilter) — the monitor's default link.
 *   forked by bench/cluster-pipeline.bench.ts with [scenario, days]
 */
import type { Socket } from 'node:net';
import { AmiEventRenderer, AmiServer, resolveRun, TrafficModel } from '../libs/simulator/src';
import { encodeFrame } from '../libs/simulator/src/ami/ami-frame';
import { AmiEventFilter } from '../libs/simulator/src/ami/ami-event-filter';
import type { AmiSession } from '../libs/simulator/src/ami/ami-session';
import { amiEventFilters } from '../libs/asterisk/src/mapping/ami-event-filters';

const CHUNK_BYTES = 64 * 1024;
const DAY_MS = 24 * 3_600_000;

export interface PbxReady {
  readonly type: 'ready';
  readonly port: number;
  /** The first day, unfiltered: its AMI events, their bytes, its queue visits. */
  readonly events: number;
  readonly bytes: number;
  readonly queueCalls: number;
  /** The whole run (every day): AMI events the PBX made, and queue visits. */
  readonly days: number;
  readonly runEvents: number;
  readonly runQueueCalls: number;
  /** AMI events of the whole run that the monitor's default filters let through. */
  readonly filteredEvents: number;
}

interface Rendered {
  /** The first day, every event. */
  readonly firstDay: Buffer[];
  readonly firstDayQueueCalls: number;
  /** Every day, only the events the filter lets through. */
  readonly filtered: Buffer[];
  readonly events: number;
  readonly queueCalls: number;
}

function render(scenario: string, days: number, filter: AmiEventFilter): Rendered {
  const run = resolveRun({ scenario, durationMs: days * DAY_MS });
  const firstDayEnd = run.startAt + DAY_MS;
  const renderer = new AmiEventRenderer({ noise: true });
  const firstDay: Buffer[] = [];
  const filtered: Buffer[] = [];
  let events = 0;
  let queueCalls = 0;
  let firstDayQueueCalls = 0;
  const model = new TrafficModel(
    run.scenario,
    { seed: run.seed, startAt: run.startAt, endAt: run.startAt + run.durationMs },
    (event) => {
      for (const frame of renderer.render(event)) {
        const bytes = encodeFrame(frame.headers);
        const join = frame.headers[0]?.[1] === 'QueueCallerJoin';
        events++;
        if (join) queueCalls++;
        if (frame.at < firstDayEnd) {
          firstDay.push(bytes);
          if (join) firstDayQueueCalls++;
        }
        if (filter.passes(bytes.toString('utf8'))) filtered.push(bytes);
      }
    },
  );
  model.runToEnd();
  return { firstDay, firstDayQueueCalls, filtered, events, queueCalls };
}

/** Whole messages packed into chunks of about CHUNK_BYTES. */
function chunksOf(frames: readonly Buffer[]): Buffer[] {
  const chunks: Buffer[] = [];
  let pending: Buffer[] = [];
  let size = 0;
  for (const frame of frames) {
    pending.push(frame);
    size += frame.length;
    if (size >= CHUNK_BYTES) {
      chunks.push(Buffer.concat(pending));
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) chunks.push(Buffer.concat(pending));
  return chunks;
}

async function stream(socket: Socket, chunks: readonly Buffer[]): Promise<void> {
  for (const chunk of chunks) {
    if (socket.destroyed) return;
    if (!socket.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });
    }
  }
}

async function main(): Promise<void> {
  const [scenario = 'day-peak', daysText = '1'] = process.argv.slice(2);
  const days = Number(daysText);
  // What Asterisk sends a client that asked for the monitor's default filters.
  const filter = new AmiEventFilter();
  for (const expression of amiEventFilters()) filter.add(expression);
  const rendered = render(scenario, days, filter);
  const unfiltered = chunksOf(rendered.firstDay);
  const filtered = chunksOf(rendered.filtered);
  // The state at the run's start (agents of the night shift on duty, nobody waiting): a model
  // of the same run not advanced yet.
  const run = resolveRun({ scenario, durationMs: days * DAY_MS });
  const start = new TrafficModel(
    run.scenario,
    { seed: run.seed, startAt: run.startAt, endAt: run.startAt + run.durationMs },
    () => undefined,
  );
  const server = await AmiServer.listen(
    { username: 'bench', secret: 'bench' },
    {
      now: () => run.startAt,
      queues: () => start.queueConfigs(),
      agents: () => start.agentStates(),
      waiting: () => start.waitingVisits(),
      talking: () => start.talkingVisits(),
    },
  );
  server.on('connection', (session: AmiSession) => {
    let streaming = false;
    session.socket.on('data', (chunk: Buffer) => {
      // The server's own listener (registered first) has answered the action already.
      if (streaming || !/Action: CoreShowChannels/i.test(chunk.toString('utf8'))) return;
      streaming = true;
      void stream(session.socket, session.filter.size > 0 ? filtered : unfiltered);
    });
  });
  const ready: PbxReady = {
    type: 'ready',
    port: server.port,
    events: rendered.firstDay.length,
    bytes: rendered.firstDay.reduce((sum, frame) => sum + frame.length, 0),
    queueCalls: rendered.firstDayQueueCalls,
    days,
    runEvents: rendered.events,
    runQueueCalls: rendered.queueCalls,
    filteredEvents: rendered.filtered.length,
  };
  process.send?.(ready);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop') void server.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}

void main();
