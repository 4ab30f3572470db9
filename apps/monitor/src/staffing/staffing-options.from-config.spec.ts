import { monitorConfigSchema } from '../config/monitor-config.schema';
import { staffingConfigSchema, staffingOptionsFrom } from './staffing-options';

describe(staffingOptionsFrom.name, () => {
  it("defaults to the spec's five shifts with 80 agents when the config has no staffing section", () => {
    const options = staffingOptionsFrom(monitorConfigSchema.parse({}));

    expect(options.rota.map((s) => `${s.name} ${s.start}-${s.end}`)).toEqual([
      'morning 07:00-15:00',
      'afternoon 14:00-20:30',
      'evening 14:00-22:00',
      'night 21:45-07:10',
      'day 09:00-17:00',
    ]);
    expect(options.rota.reduce((sum, s) => sum + s.agents, 0)).toBe(80);
    expect(options.defaultPatienceSeconds).toBe(180);
    expect(options.afterCallWorkSeconds).toBeUndefined();
  });

  it('reads the staffing section of the config, and refuses a bad shift time', () => {
    const config = monitorConfigSchema.parse({
      staffing: { rota: [{ name: 'all', start: '00:00', end: '24:00', agents: 30 }] },
    });

    expect(staffingOptionsFrom(config).rota).toEqual([
      { name: 'all', start: '00:00', end: '24:00', agents: 30 },
    ]);
    expect(() =>
      staffingConfigSchema.parse({ rota: [{ name: 'x', start: '7:00', end: '15:00', agents: 1 }] }),
    ).toThrow(/HH:mm/);
  });
});
