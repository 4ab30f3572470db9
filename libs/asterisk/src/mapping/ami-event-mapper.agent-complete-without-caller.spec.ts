import { AmiMessage } from '../protocol/ami-message';
import { AmiEventMapper } from './ami-event-mapper';
import { CALLER, type CallerChannel, connect, join, leave, stamp } from './ami-event.factory';

const T0 = 1_795_916_818;
const OTHER: CallerChannel = { ...CALLER, uniqueid: '1795916818.150', linkedid: '1795916818.149' };

/** AgentComplete as run1 has it at 1795916884.017382: the member's block only. */
function completeWithoutCaller(
  at: number,
  agent: string,
  dest: string | undefined,
  queue: string,
): AmiMessage {
  const headers: [string, string][] = [
    ['Event', 'AgentComplete'],
    ['Timestamp', stamp(at)],
  ];
  if (dest)
    headers.push(['DestChannel', `Local/${agent}@agents-0000006c;1`], ['DestUniqueid', dest]);
  headers.push(
    ['Queue', queue],
    ['Interface', `Local/${agent}@agents/n`],
    ['MemberName', agent],
    ['HoldTime', '53'],
    ['TalkTime', '13'],
    ['Reason', 'caller'],
  );
  return new AmiMessage(headers);
}

function answered(mapper: AmiEventMapper, caller: CallerChannel, agent: string): void {
  for (const m of [
    join(T0, caller, '12345'),
    leave(T0 + 53, caller, '12345'),
    connect(T0 + 53, caller, '12345', agent, 53),
  ])
    mapper.map(m, 0);
}

describe(AmiEventMapper.name, () => {
  describe('AgentComplete without the caller channel block', () => {
    it('is matched by the member channel (DestUniqueid) recorded at AgentConnect', () => {
      const mapper = new AmiEventMapper();
      answered(mapper, CALLER, 'agent104');
      answered(mapper, OTHER, 'agent105');
      expect(
        mapper.map(
          completeWithoutCaller(T0 + 66, 'agent104', `${CALLER.uniqueid}-agent104`, '12345'),
          0,
        ),
      ).toEqual([
        {
          type: 'call-ended',
          at: (T0 + 66) * 1000,
          callId: `${CALLER.uniqueid}@12345`,
          queue: '12345',
          agent: 'agent104',
          talkSeconds: 13,
          reason: 'caller-hangup',
        },
      ]);
    });

    it('is matched by queue and member interface when the Dest block is missing too', () => {
      const mapper = new AmiEventMapper();
      answered(mapper, CALLER, 'agent104');
      answered(mapper, OTHER, 'agent105');
      expect(
        mapper.map(completeWithoutCaller(T0 + 66, 'agent105', undefined, '12345'), 0),
      ).toMatchObject([
        { type: 'call-ended', callId: `${OTHER.uniqueid}@12345`, agent: 'agent105' },
      ]);
    });

    it('gives nothing when no talking call of that member in that queue is known', () => {
      const mapper = new AmiEventMapper();
      answered(mapper, CALLER, 'agent104');
      expect(
        mapper.map(completeWithoutCaller(T0 + 66, 'agent104', undefined, '12345-en'), 0),
      ).toEqual([]);
    });
  });
});
