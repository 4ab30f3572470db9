import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { AccessPolicy, maskCallerFields, type Role } from '@hotline/access';
import { Access } from '../access/access.decorator';
import { RequestRole } from '../access/request-access';
import { LiveKpiService } from '../live/live-kpi.service';
import { validate } from '@hotline/validation';
import { snapshotQuerySchema } from './snapshot-query';

@Controller('api/v1')
@Access('leader')
export class SnapshotController {
  constructor(
    private readonly live: LiveKpiService,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  /** Every KPI of every scope and period, live; filter with ?queue= and ?line=. */
  @Get('snapshot')
  snapshot(@Query() query: Record<string, unknown>, @RequestRole() role: Role) {
    const parsed = validate(snapshotQuerySchema, query, 'query');
    if (!parsed.ok) throw new BadRequestException(parsed.problems);
    return {
      pbx: this.live.link,
      kpi: maskCallerFields(
        this.live.snapshot({ queues: parsed.data.queue, lines: parsed.data.line }),
        this.access.callerVisibility(role),
      ),
    };
  }
}
