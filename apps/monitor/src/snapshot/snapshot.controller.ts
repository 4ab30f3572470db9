import { Controller, Get, Inject, Query } from '@nestjs/common';
import { AccessPolicy, maskCallerFields, type Role } from '@hotline/access';
import { Access } from '../access/access.decorator';
import { RequestRole } from '../access/request-access';
import { parseQuery } from '../http/query-params';
import { LiveKpiService } from '../live/live-kpi.service';
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
    const { queue, line } = parseQuery(snapshotQuerySchema, query);
    return {
      pbx: this.live.link,
      kpi: maskCallerFields(
        this.live.snapshot({ queues: queue, lines: line }),
        this.access.callerVisibility(role),
      ),
    };
  }
}
