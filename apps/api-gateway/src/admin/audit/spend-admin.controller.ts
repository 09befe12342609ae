import { Controller, Get, Query, UseFilters, UseGuards } from '@nestjs/common';
import type { SpendGrouping, SpendRow } from '@verosek/audit';
import { AuditQueryService, parseSpendQuery } from '@verosek/audit';
import { AdminErrorFilter } from '../keys/admin-error.filter';
import { MasterKeyGuard } from '../keys/master-key.guard';
import { parseQueryParams } from './audit-query-param';

export interface SpendSummary {
  group_by: SpendGrouping;
  from: string | null;
  to: string | null;
  data: SpendRow[];
}

/** `/admin/spend`: cost, tokens and calls summed per key, model group or UTC day. */
@Controller('admin/spend')
@UseGuards(MasterKeyGuard)
@UseFilters(AdminErrorFilter)
export class SpendAdminController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  async summary(@Query() raw: Record<string, unknown>): Promise<SpendSummary> {
    const query = parseQueryParams(() => parseSpendQuery(raw));
    return {
      group_by: query.groupBy,
      from: query.from?.toISOString() ?? null,
      to: query.to?.toISOString() ?? null,
      data: await this.audit.spend(query),
    };
  }
}
