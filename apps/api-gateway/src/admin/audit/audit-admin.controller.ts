import { Controller, Get, Param, Query, UseFilters, UseGuards } from '@nestjs/common';
import type { AuditCallDetail, AuditPage } from '@verosek/audit';
import { AuditQueryService, parseAuditListQuery } from '@verosek/audit';
import { GatewayError } from '@verosek/protocol';
import { AdminErrorFilter } from '../keys/admin-error.filter';
import { MasterKeyGuard } from '../keys/master-key.guard';
import { parseQueryParams } from './audit-query-param';

/** `/admin/audit`: call records, newest first, and one call with its steps. */
@Controller('admin/audit')
@UseGuards(MasterKeyGuard)
@UseFilters(AdminErrorFilter)
export class AuditAdminController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  list(@Query() query: Record<string, unknown>): Promise<AuditPage> {
    return this.audit.list(parseQueryParams(() => parseAuditListQuery(query)));
  }

  @Get(':request_id')
  async get(@Param('request_id') requestId: string): Promise<AuditCallDetail> {
    const detail = await this.audit.byRequestId(requestId);
    if (!detail)
      throw new GatewayError('not_found', `no audit record for request ${requestId}`, {
        param: 'request_id',
      });
    return detail;
  }
}
