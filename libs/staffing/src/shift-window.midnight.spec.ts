import { StaffingError } from './staffing-error';
import { parseClockTime, shiftCoverage, shiftHours } from './shift-window';

describe(shiftCoverage.name, () => {
  const night = { name: '夜班', start: '21:45', end: '07:10' };

  it('covers both sides of midnight for a shift that crosses it', () => {
    expect(shiftCoverage(night, 23 * 60, 15)).toBe(1);
    expect(shiftCoverage(night, 0, 15)).toBe(1);
    expect(shiftCoverage(night, 21 * 60 + 30, 15)).toBe(0);
    expect(shiftCoverage(night, 12 * 60, 15)).toBe(0);
  });

  it('counts a partly covered interval pro rata', () => {
    expect(shiftCoverage(night, 7 * 60, 15)).toBeCloseTo(10 / 15, 12);
    expect(shiftCoverage({ name: '中班', start: '14:00', end: '20:30' }, 20 * 60 + 30, 15)).toBe(0);
  });

  it('measures lengths across midnight and rejects malformed times', () => {
    expect(shiftHours(night)).toBeCloseTo(9 + 25 / 60, 12);
    expect(shiftHours({ name: 'all day', start: '00:00', end: '00:00' })).toBe(24);
    expect(() => parseClockTime('7:00')).toThrow(StaffingError);
  });
});
