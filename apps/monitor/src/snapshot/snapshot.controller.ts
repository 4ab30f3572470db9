import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { AccessPolicy, maskCallerFields, type Role } from '@hotline/access';
import { Access } from '../access/access.decorator';
import { RequestRole } from '../access/request-access';
import { parseQuery } from '../http/query-params';
import { SiteRegistry } from '../live/site-registry.service';
import type { SiteLive } from '../live/site-live';
import { snapshotQuerySchema } from './snapshot-query';

@Controller('api/v1')
@Access('leader')
export class SnapshotController {
  constructor(
    private readonly sites: SiteRegistry,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  /** Every KPI of every scope and period of a site, live; filter with ?queue= and ?line=. */
  @Get('snapshot')
  snapshot(@Query() query: Record<string, unknown>, @RequestRole() role: Role) {
    const { site, queue, line } = parseQuery(snapshotQuerySchema, query);
    const live = this.siteOf(site);
    return {
      site: live.site,
      pbx: live.link,
      kpi: maskCallerFields(
        live.snapshot({ queues: queue, lines: line }),
        this.access.callerVisibility(role),
      ),
    };
  }

  private siteOf(name: string | undefined): SiteLive {
    const live = this.sites.shown(name);
    if (!live)
      throw new NotFoundException(
        `unknown site "${name}": this monitor shows ${this.sites.names.join(', ')}`,
      );
    return live;
  }
}
