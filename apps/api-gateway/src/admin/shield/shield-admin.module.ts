import { Module } from '@nestjs/common';
import { MasterKeyGuard } from '../keys/master-key.guard';
import { operatorShieldPolicyProvider } from './operator-shield-policy';
import { ShieldScanController } from './shield-scan.controller';

/** The admin API for Shield (operators' scan). Needs VEROSEK_CONFIG and GATEWAY_ENV (VerosekConfigModule). */
@Module({
  controllers: [ShieldScanController],
  providers: [MasterKeyGuard, operatorShieldPolicyProvider],
})
export class ShieldAdminModule {}
