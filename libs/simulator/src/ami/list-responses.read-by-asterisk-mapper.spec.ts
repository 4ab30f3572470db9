import { AmiEventMapper } from '@hotline/asterisk/mapping';
import { AmiMessage } from '@hotline/asterisk/protocol/ami-message';
import { loadScenario } from '../model/load-scenario';
import { TrafficModel } from '../model/traffic-model';
import { coreShowChannelsResponse, queueStatusResponse } from './list-responses';
import type { PbxStateView } from './pbx-state-view';

/**
 * A monitor attaching to the simulator in the middle of traffic reads its QueueStatus and
 * CoreShowChannels like a real Asterisk's: every caller talking at that instant must come out
 * as a talking caller with its member, and every waiting one as waiting.
 */
describe('the simulator’s QueueStatus and CoreShowChannels read by AmiEventMapper at attach', () => {
  const startAt = Date.parse('2021-01-05T09:00:00+08:00');
  const model = new TrafficModel(
    loadScenario('small-demo'),
    { seed: 11, startAt, endAt: startAt + 3 * 3600_000 },
    () => undefined,
  );
  model.advanceTo(startAt + 90 * 60_000 + 437);
  const state: PbxStateView = {
    now: () => model.now,
    queues: () => model.queueConfigs(),
    agents: () => model.agentStates(),
    waiting: () => model.waitingVisits(),
    talking: () => model.talkingVisits(),
  };
  const list = (frames: [string, string][][]) =>
    frames.slice(1, -1).map((headers) => new AmiMessage(headers));
  const view = new AmiEventMapper().buildInFlightView(
    list(queueStatusResponse(state, 'a1')),
    list(coreShowChannelsResponse(state, 'a2', true)),
    model.now,
  );
  const talking = model.talkingVisits();

  it('lists every caller talking now with the member it is bridged to, as an estimate', () => {
    expect(talking.length).toBeGreaterThan(2);
    expect(
      view.talking.map((t) => ({ callId: t.callId, agent: t.agent, line: t.line, times: t.times })),
    ).toEqual(
      talking.map((v) => ({
        callId: `${v.contact.uniqueid}@${v.queue}`,
        agent: v.agent?.name,
        line: v.contact.line,
        times: 'estimate',
      })),
    );
  });

  it('dates the join by the caller channel’s age and the answer by the member leg’s, to the second', () => {
    for (const v of talking) {
      const t = view.talking.find((c) => c.callId === `${v.contact.uniqueid}@${v.queue}`);
      // Channel ages are whole seconds: the estimate is at most a second after the creation.
      expect((t?.joinedAt ?? 0) - v.contact.arrivedAt).toBeGreaterThanOrEqual(0);
      expect((t?.joinedAt ?? 0) - v.contact.arrivedAt).toBeLessThan(1000);
      expect((t?.answeredAt ?? 0) - (v.agentChannelAt ?? 0)).toBeLessThan(1000);
      expect(t?.answeredAt).toBeLessThanOrEqual(v.answeredAt ?? 0);
    }
  });

  it('lists the waiting callers and no member leg as a caller', () => {
    const waiting = [...model.waitingVisits().values()].flat();
    expect(view.waiting.map((w) => w.callId).sort()).toEqual(
      waiting.map((v) => `${v.contact.uniqueid}@${v.queue}`).sort(),
    );
  });
});
