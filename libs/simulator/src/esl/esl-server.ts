import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { SessionServer } from '../net/session-server';
import { EslSession } from './esl-session';
import {
  apiResponse,
  commandReply,
  ESL_AUTH_REQUEST,
  ESL_DISCONNECT_NOTICE,
  eventPlain,
  type EslEventFrame,
} from './esl-wire';

export interface EslServerOptions {
  readonly host?: string;
  /** 0 = any free port. */
  readonly port?: number;
  /** event_socket.conf.xml `password`. Default ClueCon (FreeSWITCH's default). */
  readonly password?: string;
}

/** Answers `api <command>`: the body of the api/response. */
export type EslApiHandler = (command: string) => string;

/** Builds the BACKGROUND_JOB event of a `bgapi` (headers of the job, its result as body). */
export type EslBackgroundJob = (jobUuid: string, command: string, result: string) => Buffer;

/**
 * A TCP server that speaks the Event Socket (inbound mode) like FreeSWITCH 1.10's
 * mod_event_socket, for what an ESL client uses: `auth/request`, `auth` (a wrong password gets
 * `-ERR invalid` and the session is closed), `event plain …`, `noevents`, `api`, `bgapi`,
 * `exit`; events go to every authenticated session whose subscription wants them.
 * Faults for tests: drop every connection, refuse connections for a while.
 */
export class EslServer extends SessionServer<EslSession> {
  private readonly password: string;

  private constructor(
    options: EslServerOptions,
    private readonly api: EslApiHandler,
    private readonly backgroundJob: EslBackgroundJob,
  ) {
    super(options.host ?? '127.0.0.1');
    this.password = options.password ?? 'ClueCon';
  }

  static async listen(
    options: EslServerOptions,
    api: EslApiHandler,
    backgroundJob: EslBackgroundJob,
  ): Promise<EslServer> {
    const server = new EslServer(options, api, backgroundJob);
    await server.listener.open(options.port ?? 0);
    return server;
  }

  /** Authenticated sessions with at least one subscription. */
  get subscriberCount(): number {
    let n = 0;
    for (const s of this.sessions) if (s.authenticated && s.subscribed) n++;
    return n;
  }

  protected accept(socket: Socket): EslSession {
    const session = new EslSession(socket);
    socket.on('data', (chunk: Buffer) => {
      for (const lines of session.feed(chunk)) this.handle(session, lines);
    });
    socket.write(ESL_AUTH_REQUEST);
    this.emit('connection', session);
    return session;
  }

  private handle(session: EslSession, lines: readonly string[]): void {
    if (session.socket.destroyed) return;
    const [line, ...headerLines] = lines;
    const space = line.indexOf(' ');
    const verb = (space < 0 ? line : line.slice(0, space)).toLowerCase();
    const rest = space < 0 ? '' : line.slice(space + 1);
    const write = (text: string | Buffer): boolean => session.socket.write(text);
    if (!session.authenticated) {
      if (verb !== 'auth') {
        write(commandReply('-ERR command not found'));
        return;
      }
      if (rest !== this.password) {
        // mod_event_socket.c: "-ERR invalid", then the listener stops and the socket closes.
        write(commandReply('-ERR invalid'));
        session.socket.end(ESL_DISCONNECT_NOTICE);
        this.emit('auth-failed', session);
        return;
      }
      session.authenticated = true;
      write(commandReply('+OK accepted'));
      this.emit('login', session);
      return;
    }
    switch (verb) {
      case 'event': {
        const [format, ...words] = rest.split(/\s+/).filter((w) => w !== '');
        if (format !== 'plain') {
          write(commandReply(`-ERR unsupported event format ${format ?? ''}`.trim()));
          return;
        }
        session.subscribe(words);
        write(commandReply('+OK event listener enabled plain'));
        this.emit('subscribe', session);
        return;
      }
      case 'noevents':
        session.clearSubscriptions();
        write(commandReply('+OK no longer listening for events'));
        return;
      case 'api':
        write(apiResponse(this.api(rest)));
        return;
      case 'bgapi': {
        const header = headerLines.find((h) => h.toLowerCase().startsWith('job-uuid:'));
        const jobUuid = header ? header.slice(header.indexOf(':') + 1).trim() : randomUUID();
        write(commandReply(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]));
        const result = this.api(rest);
        setImmediate(() => {
          if (session.wants('BACKGROUND_JOB', undefined) && !session.socket.destroyed)
            session.socket.write(this.backgroundJob(jobUuid, rest, result));
        });
        return;
      }
      case 'exit':
        write(commandReply('+OK bye'));
        session.socket.end(ESL_DISCONNECT_NOTICE);
        return;
      default:
        write(commandReply('-ERR command not found'));
    }
  }

  /** Sends one event to every session that subscribed to it; returns how many got it. */
  broadcast(frame: EslEventFrame, encoded?: Buffer): number {
    let sent = 0;
    let bytes = encoded;
    for (const session of this.sessions) {
      if (session.socket.destroyed || !session.wants(frame.name, frame.subclass)) continue;
      bytes ??= eventPlain(frame.headers);
      session.socket.write(bytes);
      sent++;
    }
    return sent;
  }
}
