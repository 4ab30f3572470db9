import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ModelEvent, SimVisit } from '../model/model-event';

/**
 * Writes what Asterisk writes to queue_log for the same calls
 * (`epoch|callid|queue|agent|VERB|data…`, docs.asterisk.org "Queue Logs"), in the
 * verbs and field layout of the run1/run2 captures.
 */
export class QueueLogWriter {
  private readonly lines: string[] = [];

  constructor(
    private readonly options: {
      logRefusals: boolean;
      /** Also append each line to this file as it happens, as Asterisk does (truncated first). */
      path?: string;
    } = { logRefusals: true },
  ) {
    if (options.path) {
      mkdirSync(dirname(options.path), { recursive: true });
      writeFileSync(options.path, '');
    }
  }

  start(at: number): void {
    this.push(at, 'NONE', 'NONE', 'NONE', 'QUEUESTART', '');
  }

  record(event: ModelEvent): void {
    switch (event.type) {
      case 'memberAdded':
        for (const q of event.agent.queues)
          this.push(event.at, 'MANAGER', q, event.agent.iface, 'ADDMEMBER', '');
        return;
      case 'memberRemoved':
        for (const q of event.agent.queues)
          this.push(event.at, 'MANAGER', q, event.agent.iface, 'REMOVEMEMBER', '');
        return;
      case 'memberPaused': {
        const verb = event.paused ? 'PAUSE' : 'UNPAUSE';
        this.push(event.at, 'NONE', 'NONE', event.agent.name, `${verb}ALL`, event.reason);
        for (const q of event.agent.queues)
          this.push(event.at, 'NONE', q, event.agent.name, verb, event.reason);
        return;
      }
      case 'callerJoined': {
        const v = event.visit;
        this.pushCall(
          event.at,
          v,
          'NONE',
          'ENTERQUEUE',
          v.contact.line,
          v.contact.callerNumber,
          String(event.position),
        );
        return;
      }
      case 'callerRefused': {
        // Real Asterisk logs nothing for a refusal; the lab dialplan's QueueLog() did.
        if (!this.options.logRefusals) return;
        const v = event.visit;
        this.pushCall(
          event.at,
          v,
          'NONE',
          event.status,
          v.contact.line,
          v.contact.callerNumber,
          '0',
        );
        return;
      }
      case 'ringNoAnswer':
      case 'ringCanceled':
        this.pushCall(
          event.at,
          event.visit,
          event.agent.name,
          event.type === 'ringNoAnswer' ? 'RINGNOANSWER' : 'RINGCANCELED',
          String(Math.round(event.ringMs)),
        );
        return;
      case 'agentConnected': {
        const v = event.visit;
        this.pushCall(
          event.at,
          v,
          event.agent.name,
          'CONNECT',
          String(event.holdTime),
          v.agentUniqueid ?? '',
          String(event.ringTime),
        );
        return;
      }
      case 'agentCompleted': {
        const v = event.visit;
        if (event.reason === 'transfer') {
          this.pushCall(
            event.at,
            v,
            event.agent.name,
            'BLINDTRANSFER',
            v.contact.visits[v.index + 1]?.queue ?? '',
            'xfer',
            String(event.holdTime),
            String(event.talkTime),
            String(v.originalPosition),
          );
        } else {
          const verb = event.reason === 'agent' ? 'COMPLETEAGENT' : 'COMPLETECALLER';
          this.pushCall(
            event.at,
            v,
            event.agent.name,
            verb,
            String(event.holdTime),
            String(event.talkTime),
            String(v.originalPosition),
          );
        }
        return;
      }
      case 'callerLeft': {
        const v = event.visit;
        const tail = [String(event.position), String(v.originalPosition), String(event.holdTime)];
        switch (event.status) {
          case 'ABANDON':
            this.pushCall(event.at, v, 'NONE', 'ABANDON', ...tail);
            return;
          case 'TIMEOUT':
            this.pushCall(event.at, v, 'NONE', 'EXITWITHTIMEOUT', ...tail);
            return;
          case 'LEAVEEMPTY':
            this.pushCall(event.at, v, 'NONE', 'EXITEMPTY', ...tail);
            return;
          case 'KEY':
            this.pushCall(event.at, v, 'NONE', 'EXITWITHKEY', '9', ...tail);
            return;
        }
        return;
      }
      case 'callerArrived':
      case 'agentCalled':
      case 'blindTransfer':
      case 'callerHungUp':
      case 'survey':
        return;
    }
  }

  /** A line about a queue call: its caller's uniqueid and its queue. */
  private pushCall(
    at: number,
    visit: SimVisit,
    agent: string,
    verb: string,
    ...data: string[]
  ): void {
    this.push(at, visit.contact.uniqueid, visit.queue, agent, verb, ...data);
  }

  private push(
    at: number,
    callid: string,
    queue: string,
    agent: string,
    verb: string,
    ...data: string[]
  ): void {
    const line = [Math.floor(at / 1000), callid, queue, agent, verb, ...data].join('|');
    this.lines.push(line);
    if (this.options.path) appendFileSync(this.options.path, `${line}\n`);
  }

  /** The queue_log text so far, one line per entry. */
  text(): string {
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  get lineCount(): number {
    return this.lines.length;
  }
}
