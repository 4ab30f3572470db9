import { encodeApi, encodeBgapi, encodeEslCommand, encodeEventSubscription } from './esl-command';
import { EslInjectionError } from './esl-error';

describe(encodeEslCommand.name, () => {
  it('ends a command with a blank line', () => {
    expect(encodeApi('callcenter_config agent list')).toBe('api callcenter_config agent list\n\n');
    expect(encodeBgapi('status', 'job-1')).toBe('bgapi status\nJob-UUID: job-1\n\n');
  });

  it('refuses CR or LF anywhere, which would smuggle a second command', () => {
    expect(() => encodeApi('status\n\napi hupall')).toThrow(EslInjectionError);
    expect(() => encodeApi('status\rx')).toThrow(
      expect.objectContaining({ code: 'ESL_ERR_INJECTION' }),
    );
    expect(() =>
      encodeEslCommand('sendmsg', { 'call-command': 'execute\nexecute-app-name: hangup' }),
    ).toThrow(EslInjectionError);
    expect(() => encodeEslCommand('sendmsg', { 'bad\nname': 'x' })).toThrow(EslInjectionError);
  });

  it('puts CUSTOM and its subclasses last in an event subscription', () => {
    expect(
      encodeEventSubscription(['HEARTBEAT', 'CUSTOM', 'BACKGROUND_JOB'], ['callcenter::info']),
    ).toBe('event plain HEARTBEAT BACKGROUND_JOB CUSTOM callcenter::info\n\n');
    expect(() => encodeEventSubscription(['HEARTBEAT ALL'], [])).toThrow(EslInjectionError);
  });
});
