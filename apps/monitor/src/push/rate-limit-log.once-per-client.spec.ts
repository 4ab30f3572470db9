import { RateLimitLog } from './rate-limit-log';

function recorder() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    logger: {
      warn: (obj: object, msg: string) =>
        lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
      info: (obj: object, msg: string) =>
        lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    },
  };
}

describe(RateLimitLog.name, () => {
  it('writes one warning when a client starts being limited and one line with the count when it stops', () => {
    const { lines, logger } = recorder();
    const log = new RateLimitLog(logger);
    const client = { session: 7, address: '10.1.2.3', role: 'public' };
    for (let i = 0; i < 1_971; i++) log.refused(client, 1_000 + i);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', obj: client });
    log.accepted(client, 5_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      level: 'info',
      obj: { ...client, dropped: 1_971, forMs: 4_000 },
    });
    log.accepted(client, 5_001); // not limited any more: nothing to say
    expect(lines).toHaveLength(2);
  });

  it('ends the episode with its count when the client disconnects, per client', () => {
    const { lines, logger } = recorder();
    const log = new RateLimitLog(logger);
    for (let i = 0; i < 50; i++) {
      log.refused({ session: 1 }, i);
      log.refused({ session: 2 }, i);
    }
    log.closed({ session: 1 }, 100);
    log.closed({ session: 3 }, 100); // never limited
    expect(lines.map((l) => [l.level, l.obj.session, l.obj.dropped])).toEqual([
      ['warn', 1, undefined],
      ['warn', 2, undefined],
      ['info', 1, 50],
    ]);
  });
});
