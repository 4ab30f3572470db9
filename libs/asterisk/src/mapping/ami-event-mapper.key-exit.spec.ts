import { AmiEventMapper } from './ami-event-mapper';
import { CALLER, callerEvent, connect, hangup, join, leave } from './ami-event.factory';

const T0 = 1_795_918_822.535;

describe(AmiEventMapper.name, () => {
  describe('a key exit (EXITWITHKEY), which gives QueueCallerLeave only', () => {
    it('is recognised by the Leave arriving in the queue exit context (run2 1795918822.77)', () => {
      const mapper = new AmiEventMapper();
      mapper.map(join(T0, CALLER, '12345'), 0);
      // app_queue jumps to `context=queue-exit`, extension = the key, then leaves the queue.
      const inExitContext = { ...CALLER, context: 'queue-exit', exten: '9' };
      expect(mapper.map(leave(1_795_918_834.741, inExitContext, '12345'), 0)).toEqual([
        {
          type: 'caller-exited',
          at: 1_795_918_834_741,
          callId: `${CALLER.uniqueid}@12345`,
          queue: '12345',
          // Whole PBX seconds, as queue_log has it (EXITWITHKEY|9|2|6|12): 834 − 822.
          waitSeconds: 12,
          reason: 'exit-key',
        },
      ]);
      expect(mapper.map(hangup(1_795_918_834.746, inExitContext), 0)).toEqual([]);
    });

    it('is not assumed for a Leave in the join context: app_queue sends that one just before AgentConnect', () => {
      const mapper = new AmiEventMapper();
      mapper.map(join(T0, CALLER, '12345'), 0);
      expect(mapper.map(leave(T0 + 2, CALLER, '12345'), 0)).toEqual([]);
      expect(mapper.map(connect(T0 + 2.01, CALLER, '12345', 'agent101', 2), 0)).toMatchObject([
        { type: 'agent-answered', agent: 'agent101', waitSeconds: 2 },
      ]);
    });

    it('ignores a Leave for a queue the caller is not waiting in', () => {
      const mapper = new AmiEventMapper();
      mapper.map(join(T0, CALLER, '12345'), 0);
      expect(
        mapper.map(
          callerEvent(
            'QueueCallerLeave',
            T0 + 3,
            { ...CALLER, context: 'queue-exit' },
            { Queue: '12345-en' },
          ),
          0,
        ),
      ).toEqual([]);
    });
  });
});
