import { Body, Controller, HttpCode, Inject, Post, UseFilters, UseGuards } from '@nestjs/common';
import { scanForOperator, type OperatorScanResult, type ShieldPolicy } from '@verosek/shield';
import { AdminErrorFilter } from '../keys/admin-error.filter';
import { MasterKeyGuard } from '../keys/master-key.guard';
import { parseScanRequest } from './scan-request';
import { OPERATOR_SHIELD_POLICY } from './operator-shield-policy';

/**
 * `POST /admin/shield/scan` `{text}` -> `{findings: [{type, start, end, score, action}], verdict}`:
 * what the hot path's detectors find in a text (spans, never values), and the verdict the configured
 * policy gives it on the way in.
 */
@Controller('admin/shield')
@UseGuards(MasterKeyGuard)
@UseFilters(AdminErrorFilter)
export class ShieldScanController {
  constructor(@Inject(OPERATOR_SHIELD_POLICY) private readonly policy: ShieldPolicy) {}

  @Post('scan')
  @HttpCode(200)
  scan(@Body() body: unknown): OperatorScanResult {
    return scanForOperator(parseScanRequest(body).text, this.policy, 'pre');
  }
}
