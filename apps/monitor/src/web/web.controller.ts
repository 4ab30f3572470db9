import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { cameOverTls, tokenCookie } from '@hotline/access';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Access } from '../access/access.decorator';
import { credentialOf, type AccessRequest } from '../access/request-access';
import { Page } from './page.decorator';
import { PAGES, readPage, type PageSpec } from './page-template';
import { assetContentType, findPublicDir } from './public-files';

interface FileResponse {
  setHeader(name: string, value: string): void;
}
type Pipeable = FileResponse & NodeJS.WritableStream;

/** The wallboard (/), the platform overview (/platform), the leader view and the rota plan. */
@Controller()
export class WebController {
  private readonly root = findPublicDir();

  @Page('wallboard')
  wallboard(@Req() req: AccessRequest, @Res() res: Pipeable): Promise<void> {
    return this.page(req, res, PAGES.wallboard);
  }

  @Page('leader', 'leader')
  leader(@Req() req: AccessRequest, @Res() res: Pipeable): Promise<void> {
    return this.page(req, res, PAGES.leader);
  }

  /** The rota planner's page (GET /api/v1/staffing/rota/plan), for the leader and the manager. */
  @Page('leader', 'leader/rota')
  rota(@Req() req: AccessRequest, @Res() res: Pipeable): Promise<void> {
    return this.page(req, res, PAGES.rota);
  }

  /** Every site the monitor shows and their total (GET /api/v1/sites), for a province's wall. */
  @Page('wallboard', 'platform')
  platform(@Req() req: AccessRequest, @Res() res: Pipeable): Promise<void> {
    return this.page(req, res, PAGES.platform);
  }

  /** CSS, scripts and the chart module; public on purpose (they hold no data). */
  @Get('assets/:dir/:file')
  @Access('public')
  asset(@Param('dir') dir: string, @Param('file') file: string, @Res() res: Pipeable): void {
    const name = `${dir}/${file}`;
    const type = assetContentType(name);
    const path = join(this.root, name);
    if (!type || !existsSync(path)) throw new NotFoundException();
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(path).pipe(res);
  }

  /** Browsers and bookmarks ask for /favicon.ico whatever the page links: the same icon. */
  @Get('favicon.ico')
  @Access('public')
  favicon(@Res() res: Pipeable): void {
    this.asset('img', 'favicon.svg', res);
  }

  /**
   * The page in the one layout, its shared markup put in (page-template.ts). A page opened with
   * `?token=` (the guard has accepted it) gets the token as an HttpOnly cookie, which its
   * WebSocket and any later load then present, and the page's script takes the token out of the
   * address bar at once (history.replaceState). `no-referrer` keeps the URL out of the Referer of
   * everything the page loads; `no-store` keeps it out of caches.
   */
  private async page(req: AccessRequest, res: Pipeable, page: PageSpec): Promise<void> {
    const html = await readPage(this.root, page);
    res.setHeader('Referrer-Policy', 'no-referrer');
    const credential = credentialOf(req);
    if (credential?.source === 'query') {
      const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
      res.setHeader(
        'Set-Cookie',
        tokenCookie(credential.token, cameOverTls(req.headers, encrypted)),
      );
      res.setHeader('Cache-Control', 'no-store');
    }
    res.end(html);
  }
}
