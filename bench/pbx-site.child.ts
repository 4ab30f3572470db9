/**
 * One site's PBX for bench/cluster-fanout.bench.ts, in a process of its own (as a real PBX is):
 * the simulator speaking AMI over TCP, and the markers — the site's centre counters' changes
 * its clients must see, timestamped when the simulator has written the event's AMI frames.
 * Driven by bench/pbx-site.ts over IPC.
 */
import { PbxSimulator, type ModelEvent } from '@hotline/simulator';
import type { PbxSiteReply, PbxSiteRequest, PbxSiteStart } from './pbx-site';
import { epochNow, type Marker } from './wallboard-clients';

/**
 * 话务量 counts contacts (a contact's first queue event: its join, or its refusal), 接通 a
 * contact's first answer: the centre figures the wallboard shows (docs/kpi-spec.md).
 */
class ContactCounters {
  offered = 0;
  answered = 0;
  private readonly contacts = new Set<string>();
  private readonly answeredContacts = new Set<string>();

  /** The counter this event moves, if any, and its new value. */
  observe(event: ModelEvent): Omit<Marker, 'sentAt'> | undefined {
    if (event.type === 'callerJoined' || event.type === 'callerRefused') {
      const contact = event.visit.contact.linkedid;
      if (this.contacts.has(contact)) return undefined;
      this.contacts.add(contact);
      return { counter: 'offered', value: ++this.offered };
    }
    if (event.type === 'agentConnected') {
      const contact = event.visit.contact.linkedid;
      if (this.answeredContacts.has(contact)) return undefined;
      this.answeredContacts.add(contact);
      return { counter: 'answered', value: ++this.answered };
    }
    return undefined;
  }
}

async function main(start: PbxSiteStart): Promise<void> {
  const simulator = await PbxSimulator.start({
    scenario: start.scenario,
    seed: start.seed,
    speed: 1,
    startAt: Date.now(),
    durationMs: start.durationMs,
    startOnLogin: true,
    ami: {
      host: '127.0.0.1',
      port: 0,
      username: 'monitor',
      secret: start.secret,
      timestampEvents: true,
    },
  });
  const counters = new ContactCounters();
  let recording = false;
  let markers: Marker[] = [];
  let events = 0;
  simulator.on('pbx-event', (event: ModelEvent) => {
    const moved = counters.observe(event);
    if (moved && recording) markers.push({ sentAt: epochNow(), ...moved });
  });
  simulator.on('progress', (progress: { events: number }) => (events = progress.events));
  const reply = (message: PbxSiteReply) => process.send?.(message);
  process.on('message', (request: PbxSiteRequest) => {
    switch (request.type) {
      case 'record':
        recording = request.on;
        if (!recording) {
          reply({ type: 'markers', markers });
          markers = [];
        }
        return;
      case 'speed':
        simulator.setSpeed(request.speed);
        return;
      case 'status':
        reply({
          type: 'status',
          now: simulator.now,
          events,
          calls: simulator.truth.calls().length,
          offered: counters.offered,
          answered: counters.answered,
          rssMb: process.memoryUsage().rss / 1_048_576,
        });
        return;
      case 'stop':
        void simulator.stop().then(() => process.exit(0));
        return;
    }
  });
  reply({ type: 'started', port: simulator.port });
}

process.once('message', (start: PbxSiteStart) => {
  main(start).catch((error: unknown) => {
    process.stderr.write(`pbx site: ${String(error)}\n`);
    process.exit(1);
  });
});
