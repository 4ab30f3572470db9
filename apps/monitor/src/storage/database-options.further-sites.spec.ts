import { loadMonitorConfig } from '../config/load-monitor-config';
import { furtherSiteDatabase, otherSiteDatabases, siteFile } from './database-options';

describe('a further PBX site’s store', () => {
  it('is a SQLite file of its own beside the configured one', () => {
    expect(siteFile('data/hotline.sqlite', 'taiyuan')).toBe('data/hotline.taiyuan.sqlite');
    expect(siteFile('/var/lib/hotline/calls', 'ty-2')).toBe('/var/lib/hotline/calls.ty-2');
    expect(siteFile('./data/spill/storage-backlog.jsonl', 'ty')).toBe(
      './data/spill/storage-backlog.ty.jsonl',
    );
    expect(siteFile(':memory:', 'ty')).toBe(':memory:');
  });

  it("is the site's own PostgreSQL schema, on the same server", () => {
    const config = loadMonitorConfig({
      env: {},
      file: undefined,
      cwd: '/nonexistent',
    });
    expect(furtherSiteDatabase(config.storage, 'taiyuan')).toEqual({
      driver: 'sqlite',
      path: './data/hotline.taiyuan.sqlite',
    });
    const storage = {
      ...config.storage,
      driver: 'postgres' as const,
      postgres: {
        url: 'postgres://h/db',
        schema: 'lv',
        poolSize: 3,
        siteSchemas: { taiyuan: 'ty' },
      },
    };
    expect(furtherSiteDatabase(storage, 'taiyuan')).toEqual({
      driver: 'postgres',
      url: 'postgres://h/db',
      schema: 'ty',
      poolSize: 3,
    });
  });

  it('is opened once, as its writer’s store: the sites written here are not also read as others', () => {
    const config = loadMonitorConfig({ env: {}, file: undefined, cwd: '/nonexistent' });
    const storage = {
      ...config.storage,
      driver: 'postgres' as const,
      postgres: {
        url: 'postgres://h/db',
        schema: 'lv',
        poolSize: 3,
        siteSchemas: { taiyuan: 'ty', datong: 'dt' },
      },
    };
    expect(Object.keys(otherSiteDatabases(storage, ['taiyuan']))).toEqual(['datong']);
    expect(Object.keys(otherSiteDatabases(storage, []))).toEqual(['taiyuan', 'datong']);
  });
});
