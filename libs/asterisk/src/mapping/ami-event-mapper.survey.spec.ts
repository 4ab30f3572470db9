import { AmiEventMapper } from './ami-event-mapper';
import { CALLER, callerEvent, complete, connect, join, leave } from './ami-event.factory';

const T0 = 1_795_918_761;

function survey(at: number, name = 'SurveyResult', score = '4') {
  return callerEvent('UserEvent', at, CALLER, {
    UserEvent: name,
    Queue: '12345',
    Score: score,
    Agent: 'agent106',
  });
}

function answeredCall(mapper: AmiEventMapper): void {
  for (const m of [
    join(T0, CALLER, '12345'),
    leave(T0 + 3, CALLER, '12345'),
    connect(T0 + 3, CALLER, '12345', 'agent106', 3),
    complete(T0 + 13, CALLER, '12345', 'agent106', 10, 'agent'),
  ])
    mapper.map(m, 0);
}

describe(AmiEventMapper.name, () => {
  describe('the post-call survey UserEvent', () => {
    it('is a rating of the queue call just answered, with an id from Uniqueid and Timestamp', () => {
      const mapper = new AmiEventMapper();
      answeredCall(mapper);
      expect(mapper.map(survey(T0 + 13.668153), 0)).toEqual([
        {
          type: 'survey-rated',
          at: 1_795_918_774_668,
          ratingId: `${CALLER.uniqueid}:1795918774.668153:survey`,
          queue: '12345',
          agent: 'agent106',
          contactId: CALLER.linkedid,
          callId: `${CALLER.uniqueid}@12345`,
          score: 4,
        },
      ]);
    });

    it('gives the same rating id when a fresh mapper reads the same events again', () => {
      const ids = [new AmiEventMapper(), new AmiEventMapper()].map((mapper) => {
        answeredCall(mapper);
        return mapper
          .map(survey(T0 + 14), 0)
          .map((e) => (e.type === 'survey-rated' ? e.ratingId : ''));
      });
      expect(ids[0]).toEqual(ids[1]);
      expect(ids[0]).toHaveLength(1);
    });

    it('ignores other UserEvents, and reads the configured name instead', () => {
      expect(new AmiEventMapper().map(survey(T0, 'SomethingElse'), 0)).toEqual([]);
      expect(
        new AmiEventMapper({ surveyUserEvent: 'Rating' }).map(survey(T0, 'Rating', '5'), 0),
      ).toMatchObject([{ type: 'survey-rated', score: 5 }]);
    });
  });
});
