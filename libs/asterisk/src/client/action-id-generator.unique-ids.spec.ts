import { ActionIdGenerator } from './action-id-generator';

describe(ActionIdGenerator.name, () => {
  it('never repeats an ActionID across 100k sends, nor between two clients', () => {
    const first = new ActionIdGenerator();
    const second = new ActionIdGenerator();
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i += 1) {
      seen.add(first.next());
      seen.add(second.next());
    }
    expect(seen.size).toBe(200_000);
  });

  it('is shaped prefix-pid-counter with a random prefix per client', () => {
    const generator = new ActionIdGenerator();
    expect(generator.next()).toBe(`${generator.prefix}-${process.pid}-1`);
    expect(generator.prefix).toMatch(/^[0-9a-f]{8}$/);
    expect(new ActionIdGenerator().prefix).not.toBe(generator.prefix);
  });
});
