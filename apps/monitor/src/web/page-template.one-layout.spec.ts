import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGES, readPage } from './page-template';
import { findPublicDir } from './public-files';

describe('the pages: one layout, shared markup written once', () => {
  const root = findPublicDir();

  it.each(Object.entries(PAGES))(
    'serves %s as a whole document with its title, body class and script',
    async (_name, page) => {
      const html = await readPage(root, page);
      expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
      expect(html).toContain(`<title>${page.title}</title>`);
      expect(html).toContain('<meta name="referrer" content="no-referrer" />');
      expect(html).toContain(`<body class="${page.bodyClass}">`);
      expect(html).toContain(`<script type="module" src="/assets/js/${page.script}"></script>`);
      expect(html.match(/<body/g)).toHaveLength(1);
      // The tab's icon, from a file that is there to be served.
      const icon = /<link rel="icon" href="\/assets\/(img\/[a-z.-]+)"/.exec(html);
      expect(icon && existsSync(join(root, icon[1]))).toBe(true);
      expect(html).not.toMatch(/\{\{|<!--#include/);
    },
  );

  it('gives both boards the one header, at its place in the body, and the rota page none', async () => {
    for (const page of [PAGES.wallboard, PAGES.leader]) {
      const html = await readPage(root, page);
      expect(html.match(/id="stale-banner"/g)).toHaveLength(1);
      expect(html).toContain(`<body class="${page.bodyClass}">\n    <header class="bar">\n`);
      expect(html.indexOf('id="stale-banner"')).toBeLessThan(html.indexOf('<main>'));
    }
    expect(await readPage(root, PAGES.rota)).not.toContain('stale-banner');
  });

  describe('with pages of its own', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'page-template-'));
      mkdirSync(join(dir, 'partials'));
      writeFileSync(join(dir, 'partials/page.html'), '<title>{{title}}</title>\n  {{body}}\n');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const page = { body: 'p.html', title: 'T', bodyClass: 'c', script: 's.js' };

    it('indents each included line as the include line is, and leaves other comments alone', async () => {
      writeFileSync(join(dir, 'partials/part.html'), '<p>\n\n  x\n</p>\n');
      writeFileSync(
        join(dir, 'p.html'),
        '<div>\n  <!--#include file="partials/part.html" -->\n  <!-- a note -->\n</div>\n',
      );
      expect(await readPage(dir, page)).toBe(
        '<title>T</title>\n  <div>\n    <p>\n\n      x\n    </p>\n    <!-- a note -->\n  </div>\n',
      );
    });

    it('refuses a page whose partial is missing', async () => {
      writeFileSync(join(dir, 'p.html'), '<!--#include file="partials/gone.html" -->\n');
      await expect(readPage(dir, page)).rejects.toThrow(/ENOENT/);
    });
  });
});
