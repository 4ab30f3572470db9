import { type CheckedShift, checkRoster } from './rota-roster';
import type { ShiftType } from './rota-rules';

const day: ShiftType = {
  name: 'day',
  lengthMinutes: 480,
  firstStart: '06:00',
  lastStart: '16:00',
  night: false,
  breaks: [{ reason: 'meal', minutes: 30, earliestAfterMinutes: 180, latestAfterMinutes: 240 }],
};
const night: ShiftType = {
  ...day,
  name: 'night',
  firstStart: '22:00',
  lastStart: '22:00',
  night: true,
};
const labour = { workDaysPerWeek: 5, maxConsecutiveNights: 3, minRestHours: 11 };
const limits = { headcount: 10, seats: 10 };

const at = (type: ShiftType, hhmm: string, meal = 180): CheckedShift => {
  const [h, m] = hhmm.split(':').map(Number);
  return { type, startMinute: h * 60 + m, breaks: [meal] };
};
/** Monday … Friday at 08:00, weekend off. */
const officeWeek = (): (CheckedShift | null)[] => [
  ...Array.from({ length: 5 }, () => at(day, '08:00')),
  null,
  null,
];

describe(checkRoster.name, () => {
  it('passes a sound week', () => {
    expect(checkRoster([officeWeek(), officeWeek()], labour, limits)).toEqual([]);
  });

  it('finds too little rest between a late shift and an early one the next day', () => {
    const week = officeWeek();
    week[1] = at(day, '16:00'); // Tuesday ends at 24:00 …
    week[2] = at(day, '06:00'); // … Wednesday starts at 06:00: 6 h rest
    expect(checkRoster([week], labour, limits)).toEqual([
      'person 1: 360 min rest after day 2, less than 660',
    ]);
  });

  it('finds days off that are not together, and the wrong number of days', () => {
    const split = officeWeek();
    split[2] = null;
    split[5] = at(day, '08:00');
    const short = officeWeek();
    short[4] = null;
    expect(checkRoster([split, short], labour, limits)).toEqual([
      "person 1's days off are not consecutive",
      'person 2 works 4 days, not 5',
    ]);
  });

  it('counts nights in a row across the end of the week (the rota repeats)', () => {
    const nights: (CheckedShift | null)[] = [
      at(night, '22:00'),
      at(night, '22:00'),
      null,
      null,
      at(night, '22:00'),
      at(night, '22:00'),
      at(night, '22:00'),
    ];
    expect(checkRoster([nights], labour, limits)).toEqual(['person 1 works 5 nights in a row']);
  });

  it('finds a break outside its window, too many people and too many seats', () => {
    const late = officeWeek();
    late[0] = at(day, '08:00', 300);
    const crowd = Array.from({ length: 3 }, officeWeek);
    expect(checkRoster([late, ...crowd], labour, { headcount: 3, seats: 3 })).toEqual([
      '4 people, more than the 3 allowed',
      'person 1: break "meal" on day 1 outside its window',
      '4 people on shift at once, more than the 3 seats',
    ]);
  });
});
