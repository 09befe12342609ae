import type { KeyRecord } from '@verosek/contracts';

/** Who is calling, once the key is verified. */
export interface CallerIdentity {
  /** The virtual key's id; `master` for the master key. */
  keyId: string;
  isMaster: boolean;
  /** The key's record (absent for the master key). */
  record?: KeyRecord;
}

export const MASTER_KEY_ID = 'master';
