import { ev, SECOND, T0 } from '@hotline/kpi/call-event.factory';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { loadMonitorConfig } from '../config/load-monitor-config';
import { SiteLive } from '../live/site-live';
import { SiteFeed } from './site-feed';

const quiet = { info: () => undefined, warn: () => undefined };

function siteLive(): SiteLive {
  const config: MonitorConfig = loadMonitorConfig({ env: {} });
  return new SiteLive('taiyuan', config, quiet);
}

describe(SiteFeed.name, () => {
  it("applies a site's link: events after its view, the link ready only with its source", () => {
    const live = siteLive();
    let sourceReady = false;
    const feed = new SiteFeed(live, () => sourceReady);
    feed.onResync({ at: T0, waiting: [], talking: [], agents: [], queues: ['12345'] });
    expect(live.preparing).toBe(true);
    expect(live.pbxQueues).toEqual(['12345']);
    expect(live.link).toMatchObject({ up: true, ready: true });

    feed.onEvents([ev.joined('c1', T0 + SECOND, { queue: '12345' })]);
    expect(live.counters.applied).toBe(1);
    expect(live.snapshot().live.waiting).toHaveLength(1);

    feed.onLink(false, { reason: 'stream: Redis down', code: 'CLUSTER_REDIS_DOWN' });
    expect(live.link).toMatchObject({ up: false, ready: false, code: 'CLUSTER_REDIS_DOWN' });
    feed.onLink(true, {});
    expect(live.link).toMatchObject({ up: true, ready: false });
    sourceReady = true;
    feed.onLink(true, {});
    expect(live.link).toMatchObject({ up: true, ready: true });
  });
});
