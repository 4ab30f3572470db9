import { DEFAULT_SHIFT_RULES } from './rota-defaults';
import { clockOfMinute, shiftCatalogue, validateShiftRules } from './rota-rules';

describe(shiftCatalogue.name, () => {
  const catalogue = shiftCatalogue(DEFAULT_SHIFT_RULES);
  const starts = (w: number): string[] =>
    catalogue.windows[w].templates.map((s) => clockOfMinute(catalogue.templates[s].startMinute));

  it('groups starts into windows any order of which keeps 11 h rest (8 h shifts: 5 h wide)', () => {
    // 8 h + 11 h rest leave 5 h: a 06:00 start and an 11:00 start the next day still rest 11 h.
    expect(catalogue.windows.map((w) => w.type.name)).toEqual(['白班', '白班', '夜班']);
    expect(starts(0)).toEqual([
      '06:00',
      '06:30',
      '07:00',
      '07:30',
      '08:00',
      '08:30',
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
    ]);
    expect(starts(1)).toEqual([
      '11:30',
      '12:00',
      '12:30',
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
    ]);
    expect(starts(2)).toEqual([
      '20:00',
      '20:30',
      '21:00',
      '21:30',
      '22:00',
      '22:30',
      '23:00',
      '23:30',
    ]);
  });

  it('makes tours: a day window all week, or 2 day shifts then 3 nights (at most 3 in a row)', () => {
    expect(catalogue.tours.map((t) => t.windows.join(''))).toEqual([
      '00000',
      '11111',
      '00222',
      '11222',
    ]);
  });

  it('refuses rules a person cannot keep, naming the shift type', () => {
    const long = { ...DEFAULT_SHIFT_RULES.shiftTypes[0], lengthMinutes: 840 };
    expect(() => validateShiftRules({ ...DEFAULT_SHIFT_RULES, shiftTypes: [long] })).toThrow(
      /白班.*exceed a day/,
    );
    const offGrid = { ...DEFAULT_SHIFT_RULES.shiftTypes[0], firstStart: '06:15' };
    expect(() => validateShiftRules({ ...DEFAULT_SHIFT_RULES, shiftTypes: [offGrid] })).toThrow(
      /30-minute grid/,
    );
    const [first, second] = DEFAULT_SHIFT_RULES.shiftTypes[0].breaks;
    const overlapping = {
      ...DEFAULT_SHIFT_RULES.shiftTypes[0],
      breaks: [second, { ...first, earliestAfterMinutes: 240, latestAfterMinutes: 270 }],
    };
    expect(() => validateShiftRules({ ...DEFAULT_SHIFT_RULES, shiftTypes: [overlapping] })).toThrow(
      /overlap/,
    );
    expect(() =>
      validateShiftRules({
        ...DEFAULT_SHIFT_RULES,
        labour: { ...DEFAULT_SHIFT_RULES.labour, workDaysPerWeek: 7 },
      }),
    ).toThrow(/workDaysPerWeek/);
  });
});
