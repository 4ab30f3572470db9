import { Module } from '@nestjs/common';
import { PageAuthGuard } from './page-auth.guard';
import { WebController } from './web.controller';

/** Serves the wallboard and leader pages (no CDN: everything is in apps/monitor/public). */
@Module({ controllers: [WebController], providers: [PageAuthGuard] })
export class WebModule {}
