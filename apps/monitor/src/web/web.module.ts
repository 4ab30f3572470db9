import { Module } from '@nestjs/common';
import { WebController } from './web.controller';

/** Serves the wallboard and leader pages (no CDN: everything is in apps/monitor/public). */
@Module({ controllers: [WebController] })
export class WebModule {}
