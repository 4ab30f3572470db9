import { chosenShift } from './shift-choice';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 7, 0, 0, 0);
// 15:00 in Shanghai: 早班 07:00–15:00 is over; 白班, 中班 and 晚班 are running.
const RUNNING = [
  { name: '白班', from: T0 + 1 * HOUR, to: T0 + 9 * HOUR },
  { name: '中班', from: T0 + 6 * HOUR, to: T0 + 12.5 * HOUR },
  { name: '晚班', from: T0 + 6 * HOUR + 1, to: T0 + 14 * HOUR },
];

describe(chosenShift.name, () => {
  it('is the shift that started last when the leader chose none', () => {
    expect(chosenShift(RUNNING, null)?.name).toBe('晚班');
  });

  it("is the leader's choice while that shift is running", () => {
    expect(chosenShift(RUNNING, '白班')?.name).toBe('白班');
  });

  it('falls back to the rule when the chosen shift is not running now', () => {
    expect(chosenShift(RUNNING, '夜班')?.name).toBe('晚班');
  });

  it('is none when no shift is running', () => {
    expect(chosenShift([], '白班')).toBeUndefined();
  });
});
