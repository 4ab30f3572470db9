import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A page: its body (a file in public/) and what the one document layout needs besides. */
export interface PageSpec {
  /** The body's markup, under public/. */
  readonly body: string;
  /** The tab's title until the script puts it in the reader's language. */
  readonly title: string;
  readonly bodyClass: string;
  /** The page's module, under public/js/. */
  readonly script: string;
}

export const PAGES = {
  wallboard: {
    body: 'wallboard.html',
    title: '12345 热线实时监控',
    bodyClass: 'wallboard',
    script: 'wallboard.js',
  },
  leader: { body: 'leader.html', title: '值班班长视图', bodyClass: 'leader', script: 'leader.js' },
  rota: { body: 'rota.html', title: '排班计划', bodyClass: 'leader rota', script: 'rota.js' },
  platform: {
    body: 'platform.html',
    title: '12345 平台总览',
    bodyClass: 'wallboard platform',
    script: 'platform.js',
  },
} as const satisfies Record<string, PageSpec>;

/**
 * Every page is one document: partials/page.html, its {{title}}, {{bodyClass}} and {{script}}
 * filled in and the {{body}} line replaced by the page's body.
 */
const LAYOUT = 'partials/page.html';
const BODY_SLOT = /^([ \t]*)\{\{body\}\}$/m;
const SLOTS = /\{\{(title|bodyClass|script)\}\}/g;

/**
 * A line `<!--#include file="partials/name.html" -->` in a body stands for that partial's
 * markup: markup two pages share (the boards' header) is written once. Partials include nothing
 * further; a partial that is not there is an error, never a page without it.
 */
const INCLUDE = /^([ \t]*)<!--#include file="(partials\/[a-z0-9-]+\.html)" -->$/gm;

/** The whole document of `page`, from the files under `root`. */
export async function readPage(root: string, page: PageSpec): Promise<string> {
  const [layout, body] = await Promise.all([
    readFile(join(root, LAYOUT), 'utf8'),
    readWithIncludes(root, page.body),
  ]);
  const filled = layout.replace(
    SLOTS,
    (_slot, name: 'title' | 'bodyClass' | 'script') => page[name],
  );
  return filled.replace(BODY_SLOT, (_line, indent: string) => indented(body, indent));
}

async function readWithIncludes(root: string, file: string): Promise<string> {
  const text = await readFile(join(root, file), 'utf8');
  const partials = new Map<string, string>();
  for (const [, , name] of text.matchAll(INCLUDE)) {
    if (!partials.has(name)) partials.set(name, await readFile(join(root, name), 'utf8'));
  }
  return text.replace(INCLUDE, (_line, indent: string, name: string) =>
    indented(partials.get(name) ?? '', indent),
  );
}

/** `text` without its last line break, every line but the empty ones after `indent`. */
function indented(text: string, indent: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
}
