import { Controller, Get, Header, Res } from '@nestjs/common';
import { MetricsService } from './metrics.service';

@Controller()
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
