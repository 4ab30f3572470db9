import { encodeAction, encodeMessage } from './ami-encoder';
import { AmiErrorCode, AmiProtocolError } from './ami-protocol-error';

function codeOf(encode: () => unknown): AmiErrorCode | undefined {
  try {
    encode();
  } catch (error) {
    if (error instanceof AmiProtocolError) return error.code;
    throw error;
  }
  return undefined;
}

describe(encodeAction.name, () => {
  it('refuses a CR or LF in a value, which would smuggle in an action of its own', () => {
    const smuggled = '110\r\n\r\nAction: Originate\r\nChannel: SIP/premium';
    expect(
      codeOf(() => encodeAction({ action: 'Setvar', headers: { Value: smuggled } }, 'a1')),
    ).toBe(AmiErrorCode.HeaderInjection);
    expect(codeOf(() => encodeAction({ action: 'Ping', headers: [['X', 'a\nb']] }, 'a1'))).toBe(
      AmiErrorCode.HeaderInjection,
    );
    expect(codeOf(() => encodeAction({ action: 'Ping' }, 'a1\r'))).toBe(
      AmiErrorCode.HeaderInjection,
    );
    expect(codeOf(() => encodeAction({ action: 'Ping\r\nAction: Logoff' }, 'a1'))).toBe(
      AmiErrorCode.HeaderInjection,
    );
  });

  it('refuses header names with CR, LF or a colon, and empty ones', () => {
    for (const name of ['Bad:Name', 'Bad\nName', 'Bad\rName', '']) {
      expect(codeOf(() => encodeMessage([[name, 'v']]))).toBe(AmiErrorCode.HeaderInjection);
    }
  });

  it('quotes the refused input in the error detail', () => {
    try {
      encodeMessage([['Value', 'x\r\ny']]);
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(AmiProtocolError);
      expect((error as AmiProtocolError).detail).toBe('"x\\r\\ny"');
    }
  });

  it('writes Action, ActionID, then the headers in order, then the blank line', () => {
    const wire = encodeAction(
      { action: 'QueuePause', headers: { Queue: '12345', Paused: true, Penalty: 0 } },
      'hm-1',
    ).toString('utf8');
    expect(wire).toBe(
      'Action: QueuePause\r\nActionID: hm-1\r\nQueue: 12345\r\nPaused: true\r\nPenalty: 0\r\n\r\n',
    );
  });
});
