import { coverageAfterImport, coverageAtAttach, storyReachesAttach } from './coverage-policy';

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
    expect(coverageAfterImport(held, { from: 150 * H, to: 200 * H }, false)).toBe(held);
  });

  it('moves back to an import that reaches what was covered', () => {
    const held = { coveredFrom: 100 * H, basis: 'live' as const };
    expect(coverageAfterImport(held, { from: 50 * H, to: 100 * H }, false)).toEqual({
      coveredFrom: 50 * H,
      basis: 'import',
    });
  });

  it('keeps what was held when the calls held run on into an import that reached now', () => {
    const held = { coveredFrom: 100 * H, basis: 'live' as const };
    expect(coverageAfterImport(held, { from: 150 * H, to: 200 * H }, true, 160 * H)).toBe(held);
    expect(coverageAfterImport(held, { from: 150 * H, to: 200 * H }, true, 150 * H)).toBe(held);
  });

  it('starts at the import when a hole lies between the calls held and it (down since before its start)', () => {
    const held = { coveredFrom: 100 * H, basis: 'live' as const };
    const imported = { coveredFrom: 150 * H, basis: 'import' };
    expect(coverageAfterImport(held, { from: 150 * H, to: 200 * H }, true, 120 * H)).toEqual(
      imported,
    );
    expect(coverageAfterImport(held, { from: 150 * H, to: 200 * H }, true)).toEqual(imported);
  });

  it('at the first attach: starts there when nothing was covered', () => {
    expect(coverageAtAttach(undefined, 7 * H, false)).toEqual({
      coveredFrom: 7 * H,
      basis: 'live',
    });
    expect(coverageAtAttach(undefined, 7 * H, true)).toEqual({ coveredFrom: 7 * H, basis: 'live' });
  });

  it('at a later attach: kept when the stored calls reach it, else it starts again at the attach', () => {
    const held = { coveredFrom: 2 * H, basis: 'import' as const };
    expect(coverageAtAttach(held, 9 * H, true)).toBe(held);
    expect(coverageAtAttach(held, 9 * H, false)).toEqual({ coveredFrom: 9 * H, basis: 'live' });
  });
});

describe('storyReachesAttach: whether the stored calls reach the first view without a hole', () => {
  const attachAt = 9 * H;

  it('does when this run’s import reached the view’s instant (planned on the PBX clock)', () => {
    expect(
      storyReachesAttach({
        attachAt,
        importedUpTo: attachAt,
        linkBackfills: false,
        storedUntil: 0,
      }),
    ).toBe(true);
  });

  it('does not when the import reached less (the view came later) and nothing backfills', () => {
    expect(
      storyReachesAttach({
        attachAt,
        importedUpTo: attachAt - 60_000,
        linkBackfills: false,
        storedUntil: attachAt - 60_000,
      }),
    ).toBe(false);
    expect(storyReachesAttach({ attachAt, linkBackfills: false, storedUntil: 8 * H })).toBe(false);
  });

  it('does when the link reads the ledger from the latest stored end, and only if one is known', () => {
    expect(storyReachesAttach({ attachAt, linkBackfills: true, storedUntil: 3 * H })).toBe(true);
    expect(storyReachesAttach({ attachAt, linkBackfills: true, storedUntil: -Infinity })).toBe(
      false,
    );
  });
});
