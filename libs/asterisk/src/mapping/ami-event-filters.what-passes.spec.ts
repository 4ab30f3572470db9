import { passesAmiFilters, posixFilterToRegExp } from '../../../../test/tooling/ami-transcript';
import { AmiEventMapper } from './ami-event-mapper';
import { amiEventFilters } from './ami-event-filters';

function wire(event: string, headers: Record<string, string> = {}): string {
  const lines = [`Event: ${event}`, 'Privilege: dialplan,all', 'Timestamp: 1795918836.226190'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n`;
}

describe(amiEventFilters.name, () => {
  const filters = amiEventFilters().map(posixFilterToRegExp);
  const passes = (text: string): boolean => passesAmiFilters(text, filters);

  /** Events the filters pass or drop by a header of their own, tested one by one below. */
  const PASSED_BY_CONTENT = ['VarSet', 'Newexten', 'UserEvent'];

  it('lets every queue, agent and member event and Hangup through: every other event the mapper reads', () => {
    const whole = AmiEventMapper.requiredEvents.filter((e) => !PASSED_BY_CONTENT.includes(e));
    expect(whole).toHaveLength(12);
    for (const event of whole) expect([event, passes(wire(event))]).toEqual([event, true]);
  });

  it('keeps VarSet of QUEUESTATUS and of the line variable, and drops the other VarSets', () => {
    expect(passes(wire('VarSet', { Variable: 'QUEUESTATUS', Value: 'FULL' }))).toBe(true);
    expect(passes(wire('VarSet', { Variable: '__HOTLINE', Value: '12319' }))).toBe(true);
    expect(passes(wire('VarSet', { Variable: 'HOTLINE', Value: '12319' }))).toBe(true);
    expect(passes(wire('VarSet', { Variable: 'QUEUEWAIT', Value: '8' }))).toBe(false);
    expect(passes(wire('VarSet', { Variable: 'QUEUESTATUSX', Value: '1' }))).toBe(false);
    expect(passes(wire('VarSet', { Variable: 'HOTLINE_OLD', Value: '1' }))).toBe(false);
  });

  it('keeps only the Newexten entering Queue(), the survey UserEvent and Hangup (not HangupRequest)', () => {
    expect(passes(wire('Newexten', { Application: 'Queue', AppData: '12345-full,crt' }))).toBe(
      true,
    );
    expect(passes(wire('Newexten', { Application: 'QueueLog', AppData: '12345' }))).toBe(false);
    expect(passes(wire('Newexten', { Application: 'Set', AppData: 'QNAME=12345' }))).toBe(false);
    expect(passes(wire('UserEvent', { UserEvent: 'SurveyResult', Score: '5' }))).toBe(true);
    expect(passes(wire('UserEvent', { UserEvent: 'Other' }))).toBe(false);
    expect(passes(wire('HangupRequest'))).toBe(false);
    expect(passes(wire('SoftHangupRequest'))).toBe(false);
    expect(passes(wire('Newchannel'))).toBe(false);
  });

  it('follows the configured line variable and survey name', () => {
    const custom = amiEventFilters({ lineVariable: 'LINE.ID', surveyUserEvent: 'Rating' }).map(
      posixFilterToRegExp,
    );
    expect(passesAmiFilters(wire('VarSet', { Variable: 'LINE.ID', Value: '1' }), custom)).toBe(
      true,
    );
    expect(passesAmiFilters(wire('VarSet', { Variable: 'LINExID', Value: '1' }), custom)).toBe(
      false,
    );
    expect(passesAmiFilters(wire('UserEvent', { UserEvent: 'Rating' }), custom)).toBe(true);
  });

  it('covers every event the mapper reads', () => {
    const covered = AmiEventMapper.requiredEvents.filter((event) =>
      filters.some((filter) => filter.source.includes(event)),
    );
    expect(covered).toEqual(AmiEventMapper.requiredEvents);
  });
});
