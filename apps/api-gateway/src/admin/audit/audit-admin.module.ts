import { Module } from '@nestjs/common';
import { AuditQueryService } from '@verosek/audit';
import { DataSource } from 'typeorm';
import { MasterKeyGuard } from '../keys/master-key.guard';
import { AuditAdminController } from './audit-admin.controller';
import { SpendAdminController } from './spend-admin.controller';

/**
 * The admin API for audit records and spend. Reads Postgres directly (read-only queries) through the
 * TypeORM DataSource of PersistenceModule; needs GATEWAY_ENV (VerosekConfigModule) for the master key.
 */
@Module({
  controllers: [AuditAdminController, SpendAdminController],
  providers: [
    MasterKeyGuard,
    {
      provide: AuditQueryService,
      useFactory: (dataSource: DataSource) => new AuditQueryService(dataSource),
      inject: [DataSource],
    },
  ],
})
export class AuditAdminModule {}
