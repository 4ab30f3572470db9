import { systemdSettings } from './systemd-settings';
import { SystemdWatchdog } from './systemd-watchdog';

describe(SystemdWatchdog.name, () => {
  it('pings from the event loop, so a stuck loop stops the pings and a free one resumes them', async () => {
    const pings: number[] = [];
    const watchdog = new SystemdWatchdog(
      {
        notify: (...assignments: string[]) => {
          expect(assignments).toEqual(['WATCHDOG=1']);
          pings.push(Date.now());
          return Promise.resolve(true);
        },
      },
      20,
    );
    watchdog.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const beforeBlock = pings.length;
    expect(beforeBlock).toBeGreaterThanOrEqual(3);
    const blockedFrom = Date.now();
    while (Date.now() - blockedFrom < 300) {
      // the event loop is stuck (a synchronous job that does not end)
    }
    const blockedTo = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
    watchdog.stop();
    expect(pings.filter((t) => t > blockedFrom && t < blockedTo)).toEqual([]);
    expect(pings.filter((t) => t >= blockedTo).length).toBeGreaterThanOrEqual(2);
    expect(watchdog.pings).toBe(pings.length);
  });

  it('does not overlap pings while one is still being sent', async () => {
    let calls = 0;
    let release: (ok: boolean) => void = () => undefined;
    const watchdog = new SystemdWatchdog(
      {
        notify: () => {
          calls += 1;
          return new Promise<boolean>((resolve) => (release = resolve));
        },
      },
      10,
    );
    watchdog.start();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(calls).toBe(1);
    release(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    watchdog.stop();
    expect(calls).toBe(2);
  });
});

describe(systemdSettings.name, () => {
  it('pings at half of WATCHDOG_USEC, only for the process it names, only under Type=notify', () => {
    expect(systemdSettings({}, 42)).toEqual({});
    expect(systemdSettings({ NOTIFY_SOCKET: '/run/systemd/notify' }, 42)).toEqual({
      notifySocket: '/run/systemd/notify',
    });
    expect(
      systemdSettings(
        { NOTIFY_SOCKET: '@/org/x', WATCHDOG_USEC: '30000000', WATCHDOG_PID: '42' },
        42,
      ),
    ).toEqual({ notifySocket: '@/org/x', watchdogPingMs: 15_000 });
    // A child that inherited the variables is not the watched process.
    expect(
      systemdSettings({ NOTIFY_SOCKET: '/n', WATCHDOG_USEC: '30000000', WATCHDOG_PID: '7' }, 42),
    ).toEqual({ notifySocket: '/n' });
    expect(systemdSettings({ NOTIFY_SOCKET: '/n', WATCHDOG_USEC: '100' }, 42)).toEqual({
      notifySocket: '/n',
      watchdogPingMs: 500,
    });
  });
});
