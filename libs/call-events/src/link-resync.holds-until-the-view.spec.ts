import type { CallHistory } from './call-source';
import { LinkResync } from './link-resync';

describe(LinkResync.name, () => {
  it('holds what arrives until the view is handed on, then lets it go straight on', () => {
    const link = new LinkResync<string>();
    link.linkUp();
    expect(link.hold('a')).toBe(true);
    expect(link.hold('b')).toBe(true);
    expect(link.resynced).toBe(false);
    link.viewDelivered();
    expect(link.resynced).toBe(true);
    expect(link.hold('c')).toBe(false);
    expect(link.takeHeld()).toEqual(['a', 'b']);
    expect(link.takeHeld()).toEqual([]);
  });

  it('makes every up and down a new link, so an old link’s resync is no longer current', () => {
    const link = new LinkResync<string>();
    const first = link.linkUp();
    expect(link.isCurrent(first)).toBe(true);
    link.viewDelivered();
    link.linkDown();
    expect(link.isCurrent(first)).toBe(false);
    expect(link.resynced).toBe(false);
    const second = link.linkUp();
    expect(second).not.toBe(first);
    expect(link.current).toBe(second);
  });

  it('holds again after a fatal error without changing the current link', () => {
    const link = new LinkResync<string>();
    const generation = link.linkUp();
    link.viewDelivered();
    link.holdAgain();
    expect(link.isCurrent(generation)).toBe(true);
    expect(link.hold('a')).toBe(true);
  });

  it('asks the listener to prepare once, whatever the links that wait for it', async () => {
    const link = new LinkResync<string>();
    const history: CallHistory = { until: 5, calls: [] };
    let asked = 0;
    const ask = () => {
      asked += 1;
      return Promise.resolve(history);
    };
    const first = link.preparation(ask);
    const second = link.preparation(ask);
    expect(await first).toBe(history);
    expect(await second).toBe(history);
    expect(asked).toBe(1);
    expect(link.prepared).toBe(false);
    link.markPrepared();
    expect(link.prepared).toBe(true);
  });

  it('prepares nothing for a listener without a preparation', async () => {
    const link = new LinkResync<string>();
    expect(await link.preparation(() => undefined)).toBeUndefined();
  });

  it('forgets what it held when the source stops', () => {
    const link = new LinkResync<string>();
    link.linkUp();
    link.hold('a');
    link.viewDelivered();
    link.stopped();
    expect(link.resynced).toBe(false);
    expect(link.takeHeld()).toEqual([]);
  });
});
