import { DEFAULT_RETRY_AFTER_SECONDS, ReportBusyError, ReportGate } from './report-gate';

describe(ReportGate.name, () => {
  it('lets one heavy report in and refuses a second with the running one named', () => {
    const gate = new ReportGate();
    const slot = gate.tryEnter('kpi agent by day');
    expect(gate.busy).toBe(true);
    expect(() => gate.tryEnter('kpi line by month')).toThrow(ReportBusyError);
    try {
      gate.tryEnter('kpi line by month');
    } catch (error) {
      expect((error as ReportBusyError).running).toBe('kpi agent by day');
      expect((error as ReportBusyError).code).toBe('REPORTS_ERR_BUSY');
    }
    slot.release();
    slot.release(); // idempotent: must not free a later holder's slot
    const next = gate.tryEnter('kpi line by month');
    slot.release();
    expect(gate.busy).toBe(true);
    next.release();
    expect(gate.busy).toBe(false);
  });

  it("estimates Retry-After from the running report's progress, within 1–60 s", () => {
    let now = 0;
    const gate = new ReportGate(() => now);
    const slot = gate.tryEnter('a');
    expect(gate.retryAfterSeconds()).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    now = 2_000;
    slot.progress(0.5);
    expect(gate.retryAfterSeconds()).toBe(2);
    slot.progress(0.999);
    expect(gate.retryAfterSeconds()).toBe(1);
    slot.progress(0.05);
    now = 10_000;
    expect(gate.retryAfterSeconds()).toBe(60);
  });

  it('queues scheduled reports (enter) in arrival order while HTTP requests are refused', async () => {
    const gate = new ReportGate();
    const http = gate.tryEnter('http');
    const order: string[] = [];
    const weekly = gate.enter('weekly').then((slot) => {
      order.push('weekly');
      return slot;
    });
    const monthly = gate.enter('monthly').then((slot) => {
      order.push('monthly');
      return slot;
    });
    http.release();
    const weeklySlot = await weekly;
    expect(() => gate.tryEnter('http again')).toThrow(ReportBusyError);
    expect(order).toEqual(['weekly']);
    weeklySlot.release();
    (await monthly).release();
    expect(order).toEqual(['weekly', 'monthly']);
    expect(gate.busy).toBe(false);
  });
});
