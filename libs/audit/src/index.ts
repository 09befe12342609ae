export * from './audit-event';
export * from './audit-event-parser';
export * from './audit-call-builder';
export { uuidV7, uuidV7Time } from './uuid-v7';
export { AUDIT_TABLE } from './audit-table';
export {
  AuditProducer,
  type AuditProducerOptions,
  DEFAULT_AUDIT_PRODUCER_OPTIONS,
} from './producer/audit-producer';
export { SpillStore } from './producer/spill-store';
export { AuditWriter } from './writer/audit-writer';
export {
  AuditConsumer,
  type AuditConsumerOptions,
  DEFAULT_AUDIT_CONSUMER_OPTIONS,
} from './writer/audit-consumer';
export { AuditRetention } from './retention/audit-retention';
export { AuditRetentionJob } from './retention/audit-retention-job';
export {
  AuditQueryService,
  type AuditPage,
  type AuditCallDetail,
  type SpendRow,
} from './query/audit-query.service';
export { AuditQueryError } from './query/audit-query-error';
export { encodeCursor, decodeCursor, type AuditCursor } from './query/cursor';
export * from './query/query-params';
export { AuditProducerModule, type AuditProducerModuleOptions } from './audit-producer.module';
export { AuditWorkerModule, type AuditWorkerModuleOptions } from './audit-worker.module';
export { auditStepEvent, uuidFromKey, type AuditStepInit } from './audit-step-event';
