import { Controller, Get } from '@nestjs/common';
import { platformSnapshot } from '@hotline/kpi';
import { Access } from '../access/access.decorator';
import { platformNow } from '../live/platform-now';
import { SiteRegistry } from '../live/site-registry.service';

/**
 * GET /api/v1/sites — the platform: every site this instance shows (its own first), each
 * site's centre and link, and their total summed from counts (libs/kpi platformSnapshot).
 */
@Controller('api/v1')
@Access('wallboard')
export class SitesController {
  constructor(private readonly sites: SiteRegistry) {}

  @Get('sites')
  platform() {
    const sites = this.sites.all;
    const at = platformNow(sites);
    const platform = platformSnapshot(
      sites.map((site) => ({ site: site.site, snapshot: site.snapshotAt(at) })),
      at,
    );
    return {
      ...platform,
      sites: platform.sites.map((figures, index) => ({ ...figures, pbx: sites[index].link })),
    };
  }
}
