import { coverageAfterImport, coverageAtAttach } from './coverage-policy';

const H = 3_600_000;

describe('coverage: from when stored calls are complete', () => {
  it('starts at the import when nothing was covered and the import reached now', () => {
    expect(coverageAfterImport(undefined, { from: 0, to: 10 * H }, true)).toEqual({
      coveredFrom: 0,
      basis: 'import',
    });
  });

  it('is not set by an import of an older stretch alone (the command, months before deployment)', () => {
    expect(coverageAfterImport(undefined, { from: 0, to: 10 * H }, false)).toBeUndefined();
    const held = { coveredFrom: 100 * H, basis: 'live' as const };
    expect(coverageAfterImport(held, { from: 0, to: 10 * H }, false)).toBe(held);
  });

  it('moves back to an import that reaches what was covered', () => {
    const held = { coveredFrom: 100 * H, basis: 'live' as const };
    expect(coverageAfterImport(held, { from: 50 * H, to: 100 * H }, false)).toEqual({
      coveredFrom: 50 * H,
      basis: 'import',
    });
    expect(coverageAfterImport(held, { from: 150 * H, to: 200 * H }, true)).toBe(held);
  });

  it('at the first attach: starts there when nothing was covered', () => {
    expect(coverageAtAttach(undefined, 7 * H, false)).toEqual({
      coveredFrom: 7 * H,
      basis: 'live',
    });
    expect(coverageAtAttach(undefined, 7 * H, true)).toEqual({ coveredFrom: 7 * H, basis: 'live' });
  });

  it('at a later attach: kept when a ledger fills the downtime, else it starts again at the attach', () => {
    const held = { coveredFrom: 2 * H, basis: 'import' as const };
    expect(coverageAtAttach(held, 9 * H, true)).toBe(held);
    expect(coverageAtAttach(held, 9 * H, false)).toEqual({ coveredFrom: 9 * H, basis: 'live' });
  });
});
