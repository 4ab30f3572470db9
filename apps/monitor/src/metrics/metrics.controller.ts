import { Controller, Get, Header, Res } from '@nestjs/common';
import { Access } from '../access/access.decorator';
import { MetricsService } from './metrics.service';

/** Open to Prometheus until `auth.tokens.metrics` is set (docs/security.md). */
@Controller()
@Access('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text exposition; docs/metrics.md lists every family. */
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async scrape(
    @Res({ passthrough: true }) response: { type(contentType: string): unknown },
  ): Promise<string> {
    const { contentType, body } = await this.metrics.exposition();
    response.type(contentType);
    return body;
  }
}
