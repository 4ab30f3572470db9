import { planStartupImport, type StartupImportInputs } from './startup-import-plan';

const TZ = 'Asia/Shanghai';
/** 2026-11-15 15:30 in Shanghai. */
const NOW = Date.parse('2026-11-15T15:30:00+08:00');
const MONTH_START = Date.parse('2026-11-01T00:00:00+08:00');
const TODAY = Date.parse('2026-11-15T00:00:00+08:00');

function plan(overrides: Partial<StartupImportInputs>) {
  return planStartupImport({
    importFrom: 'month',
    ledgerConfigured: true,
    latestStoredEnd: undefined,
    now: NOW,
    timeZone: TZ,
    ...overrides,
  });
}

describe('planStartupImport: when the monitor imports the ledger before going live', () => {
  it('imports from the start of the month (local) to now into an empty store', () => {
    expect(plan({})).toEqual({ import: true, range: { from: MONTH_START, to: NOW } });
  });

  it('imports into a store that ends before today (the monitor was down since yesterday)', () => {
    expect(plan({ latestStoredEnd: TODAY - 1 })).toEqual({
      import: true,
      range: { from: MONTH_START, to: NOW },
    });
  });

  it('leaves a store that has calls of today to the PBX link’s own backfill', () => {
    expect(plan({ latestStoredEnd: TODAY + 60_000 })).toMatchObject({ import: false });
  });

  it('imports nothing without a ledger, or with importFrom none', () => {
    expect(plan({ ledgerConfigured: false })).toEqual({
      import: false,
      reason: 'no ledger configured',
    });
    expect(plan({ importFrom: 'none' })).toMatchObject({ import: false });
  });

  it('honours today and an ISO date (local midnight), and never starts after today', () => {
    expect(plan({ importFrom: 'today' })).toEqual({
      import: true,
      range: { from: TODAY, to: NOW },
    });
    expect(plan({ importFrom: { date: '2026-10-20' } })).toEqual({
      import: true,
      range: { from: Date.parse('2026-10-20T00:00:00+08:00'), to: NOW },
    });
    expect(plan({ importFrom: { date: '2026-12-01' } })).toEqual({
      import: true,
      range: { from: TODAY, to: NOW },
    });
  });

  it('takes the month of the KPI time zone, not of UTC (00:30 on the 1st in Shanghai)', () => {
    const now = Date.parse('2026-12-01T00:30:00+08:00');
    expect(plan({ now })).toEqual({
      import: true,
      range: { from: Date.parse('2026-12-01T00:00:00+08:00'), to: now },
    });
  });
});
