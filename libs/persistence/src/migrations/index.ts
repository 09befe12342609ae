import type { MigrationInterface } from 'typeorm';
import { VerosekMeta1764400000000 } from './1764400000000-verosek-meta';
import { VirtualKeys1764450000000 } from './1764450000000-virtual-keys';
import { AuditEvents1764460000000 } from './1764460000000-audit-events';
import { SpendBatches1764470000000 } from './1764470000000-spend-batches';
import { AuditCallIndexes1764480000000 } from './1764480000000-audit-call-indexes';

/**
 * Every migration, oldest first. An explicit list (the SWC build cannot glob): add one line per new
 * migration file, named `<epoch ms>-<what>.ts` with the class `<What><epoch ms>`.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  VerosekMeta1764400000000,
  VirtualKeys1764450000000,
  AuditEvents1764460000000,
  SpendBatches1764470000000,
  AuditCallIndexes1764480000000,
];
