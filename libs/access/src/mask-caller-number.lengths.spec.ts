import { MAX_VISIBLE_DIGITS, maskCallerFields, maskCallerNumber } from './mask-caller-number';

/** A caller number of `length` digits whose digits are all different from their neighbours. */
const numberOf = (length: number) =>
  Array.from({ length }, (_, i) => String((i * 7 + 3) % 10)).join('');

describe(maskCallerNumber.name, () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 4))(
    'shows a leader at most the last 4 of %i digits, and never half or more',
    (length) => {
      const number = numberOf(length);
      const masked = maskCallerNumber(number, 'last4') as string;
      expect(masked).toHaveLength(length);
      const shown = masked.replace(/^\*+/, '');
      expect(masked.slice(0, length - shown.length)).toMatch(/^\*+$/);
      expect(shown.length).toBeLessThanOrEqual(MAX_VISIBLE_DIGITS);
      expect(shown.length).toBeLessThanOrEqual(Math.floor(length / 2));
      expect(number.endsWith(shown)).toBe(true);
      expect(masked).not.toBe(number);
    },
  );

  it('shows the usual lengths as a leader expects', () => {
    expect(maskCallerNumber('13812345678', 'last4')).toBe('*******5678');
    expect(maskCallerNumber('87654321', 'last4')).toBe('****4321');
    // D7: a 7-digit local number was shown whole, an 8-digit one with a single star.
    expect(maskCallerNumber('6543210', 'last4')).toBe('****210');
    expect(maskCallerNumber('8001', 'last4')).toBe('**01');
    expect(maskCallerNumber('861391234567890', 'last4')).toBe('***********7890');
  });

  it.each(Array.from({ length: 12 }, (_, i) => i + 4))(
    'shows no digit of %i to a role below leader',
    (length) => {
      expect(maskCallerNumber(numberOf(length), 'none')).toBe('*'.repeat(length));
    },
  );

  it('keeps unknown numbers unknown and handles what is not a number', () => {
    expect(maskCallerNumber(null, 'last4')).toBeNull();
    expect(maskCallerNumber(undefined, 'none')).toBeNull();
    expect(maskCallerNumber('', 'last4')).toBeNull();
    expect(maskCallerNumber('1', 'last4')).toBe('*');
    expect(maskCallerNumber('+8613812345678', 'last4')).toBe('**********5678');
    expect(maskCallerNumber('anonymous', 'none')).toBe('*********');
  });
});

describe(maskCallerFields.name, () => {
  it('masks caller fields at any depth and leaves the original untouched', () => {
    const event = { type: 'caller-joined-queue', callId: 'c1', callerNumber: '13812345678' };
    const input = {
      anomaly: { kind: 'late-event', first: { at: 1, detail: 'x', event } },
      list: [{ caller: '87654321' }, { other: '13812345678' }],
      ami: { CallerIDNum: '13900001111', ConnectedLineNum: '13900001111', Queue: 'q1' },
      esl: { 'CC-Member-CID-Number': '79377840126' },
      count: 3,
    };
    const masked = maskCallerFields(input, 'last4');
    expect(masked.anomaly.first.event.callerNumber).toBe('*******5678');
    expect(masked.list[0].caller).toBe('****4321');
    expect(masked.list[1]).toBe(input.list[1]); // not a caller field, shared as it is
    expect(masked.ami).toEqual({
      CallerIDNum: '*******1111',
      ConnectedLineNum: '*******1111',
      Queue: 'q1',
    });
    expect(masked.esl['CC-Member-CID-Number']).toBe('*******0126');
    expect(event.callerNumber).toBe('13812345678');
    expect(maskCallerFields(input, 'none').anomaly.first.event.callerNumber).toBe('***********');
  });

  it('returns objects that are not plain data as they are', () => {
    const error = Object.assign(new Error('x'), { callerNumber: '13812345678' });
    const input = { err: error, at: new Date(0) };
    expect(maskCallerFields(input, 'none')).toBe(input);
    expect(maskCallerFields('13812345678', 'none')).toBe('13812345678');
  });
});
