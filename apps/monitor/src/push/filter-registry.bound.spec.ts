import { FilterRegistry, unknownFilterValues } from './filter-registry';

describe(FilterRegistry.name, () => {
  it('bounds distinct filters but never refuses one in use or a move that frees one', () => {
    const filters = new FilterRegistry(2);
    expect(filters.take('q1', undefined)).toBe(true);
    expect(filters.take('q2', undefined)).toBe(true);
    expect(filters.take('q3', undefined)).toBe(false);
    expect(filters.take('q1', undefined)).toBe(true); // in use: shared
    expect(filters.distinct).toBe(2);
    // The only user of q2 moves to q3: q2 is freed, so q3 fits.
    expect(filters.take('q3', 'q2')).toBe(true);
    expect(filters.distinct).toBe(2);
    // One of two users of q1 moves to q4: q1 stays in use, q4 would be a third.
    expect(filters.take('q4', 'q1')).toBe(false);
    filters.release('q1');
    filters.release('q1');
    expect(filters.distinct).toBe(1);
    expect(filters.take('q4', undefined)).toBe(true);
  });
});

describe(unknownFilterValues.name, () => {
  it('names the queues and lines nobody reported', () => {
    const known = { queues: new Set(['q1', 'q2']), lines: new Set(['12345']) };
    expect(unknownFilterValues({ queues: ['q1'], lines: ['12345'] }, known)).toEqual([]);
    expect(unknownFilterValues({ queues: ['q1', 'x'], lines: ['12345', '999'] }, known)).toEqual([
      'queues: x',
      'lines: 999',
    ]);
  });
});
