import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { METHODS } from 'node:http';
import { join } from 'node:path';
import { ACCESS_LEVELS, type AccessLevel } from '@hotline/access';

export interface RouterRoute {
  readonly method: string;
  readonly path: string;
}

export interface DocumentedRoute extends RouterRoute {
  readonly access: AccessLevel;
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every route Nest registered, read from the Express router at runtime. Nest mounts a
 * middleware bound to RequestMethod.ALL as a route for every HTTP method: those are not routes.
 */
export function routesOf(app: INestApplication): RouterRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const routes: RouterRoute[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods);
    if (METHODS.every((m) => methods.includes(m.toLowerCase()))) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all')
        routes.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return routes;
}

const README = join(__dirname, '../../README.md');

/** The roles-per-route table of the README (between the routes:begin/end markers). */
export function documentedRoutes(): DocumentedRoute[] {
  const text = readFileSync(README, 'utf8');
  const begin = text.indexOf('<!-- routes:begin');
  const end = text.indexOf('<!-- routes:end -->');
  if (begin < 0 || end < begin) throw new Error('README.md has no routes:begin/routes:end table');
  const rows = text
    .slice(begin, end)
    .split('\n')
    .filter((line) => /^\|\s*[A-Z]+\s*\|/.test(line) && !line.includes('method'));
  return rows.map((line) => {
    const [method, path, access] = line
      .split('|')
      .slice(1, 4)
      .map((cell) => cell.trim().replace(/`/g, ''));
    if (!(ACCESS_LEVELS as readonly string[]).includes(access))
      throw new Error(`README route ${method} ${path}: unknown access "${access}"`);
    return { method, path, access: access as AccessLevel };
  });
}

export const routeKey = (r: RouterRoute) => `${r.method} ${r.path}`;
