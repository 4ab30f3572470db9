import { Controller, Get, Header, NotFoundException, Param, Res, UseGuards } from '@nestjs/common';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PageAuthGuard, PageView } from './page-auth.guard';
import { assetContentType, findPublicDir } from './public-files';

interface FileResponse {
  setHeader(name: string, value: string): void;
}
type Pipeable = FileResponse & NodeJS.WritableStream;

/** The wallboard (/), the shift-leader view (/leader) and the rota plan (/leader/rota). */
@Controller()
@UseGuards(PageAuthGuard)
export class WebController {
  private readonly root = findPublicDir();

  @Get()
  @PageView('wallboard')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  wallboard(@Res() res: Pipeable): void {
    createReadStream(join(this.root, 'wallboard.html')).pipe(res);
  }

  @Get('leader')
  @PageView('agents')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  leader(@Res() res: Pipeable): void {
    createReadStream(join(this.root, 'leader.html')).pipe(res);
  }

  /** The rota planner's page (GET /api/v1/staffing/rota/plan), for the leader and the manager. */
  @Get('leader/rota')
  @PageView('agents')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  rota(@Res() res: Pipeable): void {
    createReadStream(join(this.root, 'rota.html')).pipe(res);
  }

  /** CSS, scripts and the chart module; public on purpose (they hold no data). */
  @Get('assets/:dir/:file')
  asset(@Param('dir') dir: string, @Param('file') file: string, @Res() res: Pipeable): void {
    const name = `${dir}/${file}`;
    const type = assetContentType(name);
    const path = join(this.root, name);
    if (!type || !existsSync(path)) throw new NotFoundException();
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(path).pipe(res);
  }
}
