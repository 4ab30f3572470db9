import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the pages are: next to the webpack bundle (dist/apps/monitor/public, copied by the
 * nest-cli `assets` entry) or in the source tree (ts-node, jest).
 */
export function findPublicDir(): string {
  const candidates = [
    join(__dirname, 'public'),
    resolve(__dirname, '../../public'),
    resolve(process.cwd(), 'dist/apps/monitor/public'),
    resolve(process.cwd(), 'apps/monitor/public'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'wallboard.html')));
  if (!found) throw new Error(`monitor pages not found; looked in ${candidates.join(', ')}`);
  return found;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/** Asset names are plain `dir/name.ext` — no dot-dot, no absolute paths, nothing hidden. */
const SAFE_ASSET = /^(?:[a-z0-9-]+\/)?[a-z0-9][a-z0-9.-]*\.(html|css|js|svg|png|ico|json)$/i;

export function assetContentType(name: string): string | undefined {
  if (!SAFE_ASSET.test(name) || name.includes('..')) return undefined;
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  return CONTENT_TYPES[ext];
}
