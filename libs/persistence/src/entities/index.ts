import { AuditEventEntity } from './audit-event.entity';
import { VerosekMetaEntity } from './verosek-meta.entity';
import { VirtualKeySpendBatchEntity } from './virtual-key-spend-batch.entity';
import { VirtualKeySpendEntity } from './virtual-key-spend.entity';
import { VirtualKeyEntity } from './virtual-key.entity';

/**
 * Every entity of the data source. An explicit list (the SWC build cannot glob): add one line per new
 * entity file.
 */
export const ENTITIES = [
  VerosekMetaEntity,
  VirtualKeyEntity,
  VirtualKeySpendEntity,
  VirtualKeySpendBatchEntity,
  AuditEventEntity,
];
