import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ev, SECOND, T0 } from '@hotline/kpi/call-event.factory';
import { createDataSource } from '@hotline/storage';
import { loadMonitorConfig } from '../config/load-monitor-config';
import { StartUpError } from '../config/start-up-error';
import { SiteLive } from '../live/site-live';
import { SiteFeed } from '../pbx/site-feed';
import { siteFile } from './database-options';
import { FurtherSiteStores } from './further-site-stores';
import type { FurtherSiteStorage } from './storage-module-options';

const quiet = { info: () => undefined, warn: () => undefined };
const config = loadMonitorConfig({ env: {}, file: undefined, cwd: '/nonexistent' });
const rules = {
  timeZone: config.kpi.timeZone,
  answerThresholdSeconds: config.kpi.answerThresholdSeconds,
  longTalkSeconds: config.kpi.longTalkSeconds,
  shortAbandonSeconds: config.kpi.shortAbandonSeconds,
  satisfiedMinScore: config.kpi.satisfiedMinScore,
};

function storage(dir: string, path = join(dir, 'hotline.sqlite')): FurtherSiteStorage {
  return {
    site: 'taiyuan',
    database: { driver: 'sqlite', path: siteFile(path, 'taiyuan') },
    writer: {
      ...config.storage.writer,
      flushIntervalMs: 50,
      spillPath: siteFile(join(dir, 'spill', 'storage-backlog.jsonl'), 'taiyuan'),
    },
    history: { importFrom: 'none', linkFillsGaps: false },
  };
}

/** A further site's engine and the stores of one run. */
function run(options: FurtherSiteStorage) {
  const live = new SiteLive('taiyuan', config, quiet);
  const stores = new FurtherSiteStores([options], rules, {
    site: (name) => (name === 'taiyuan' ? live : undefined),
  });
  return { live, stores, feed: new SiteFeed(live, () => true) };
}

async function storedCallIds(path: string): Promise<string[]> {
  const db = createDataSource({ driver: 'sqlite', path });
  await db.initialize();
  try {
    const rows = await db.query<{ call_id: string }[]>('SELECT call_id FROM queue_call');
    return rows.map((row) => row.call_id).sort();
  } finally {
    await db.destroy();
  }
}

describe(FurtherSiteStores.name, () => {
  it("stores a further site's finished calls in its own file, and restores its engine from it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-further-site-'));
    const options = storage(dir);
    const first = run(options);
    await first.stores.begin();
    await first.feed.prepare({ at: T0 });
    first.feed.onResync({ at: T0, waiting: [], talking: [], agents: [], queues: ['q1'] });
    first.feed.onEvents([
      ev.joined('c1', T0 + SECOND),
      ev.answered('c1', T0 + 4 * SECOND, 'PJSIP/8001', 3),
      ev.ended('c1', T0 + 60 * SECOND, 'PJSIP/8001', 56),
      ev.joined('c2', T0 + 2 * SECOND),
      ev.abandoned('c2', T0 + 9 * SECOND, 7),
    ]);
    // Graceful shutdown drains the site's writer.
    await first.stores.stop();
    expect(await storedCallIds(join(dir, 'hotline.taiyuan.sqlite'))).toEqual(['c1', 'c2']);
    expect(existsSync(join(dir, 'hotline.sqlite'))).toBe(false);

    const again = run(options);
    await again.stores.begin();
    expect(again.stores.open).toEqual(['taiyuan']);
    const history = await again.feed.prepare({ at: T0 + 120 * SECOND });
    expect(history.calls.map((call) => call.callId).sort()).toEqual(['c1', 'c2']);
    again.feed.onResync({ at: T0 + 120 * SECOND, waiting: [], talking: [], agents: [] });
    expect(again.live.snapshot().periods.centre.today).toMatchObject({ offered: 2, answered: 1 });
    await again.stores.stop();
  });

  it("stops the start naming the key when a site's store cannot be opened", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-further-site-'));
    // A file where the store's folder should be.
    writeFileSync(join(dir, 'blocker'), '');
    const { stores } = run(storage(dir, join(dir, 'blocker', 'hotline.sqlite')));
    const failure = await stores.begin().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StartUpError);
    expect(failure).toMatchObject({
      key: 'storage.sqlite.path',
      message: expect.stringContaining('hotline.taiyuan.sqlite'),
    });
  });
});
