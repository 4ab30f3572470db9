import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { LiveKpiService } from '../live/live-kpi.service';
import { snapshotQuerySchema } from './snapshot-query';

@Controller('api/v1')
export class SnapshotController {
  constructor(private readonly live: LiveKpiService) {}

  /** Every KPI of every scope and period, live; filter with ?queue= and ?line=. */
  @Get('snapshot')
  snapshot(@Query() query: Record<string, unknown>) {
    const parsed = snapshotQuerySchema.safeParse(query);
    if (!parsed.success) {
      throw new BadRequestException(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`),
      );
    }
    return {
      pbx: this.live.link,
      kpi: this.live.snapshot({ queues: parsed.data.queue, lines: parsed.data.line }),
    };
  }
}
