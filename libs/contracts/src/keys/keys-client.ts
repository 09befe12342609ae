import type {
  CreateKeyDto,
  ListKeysDto,
  RotateKeyRequest,
  SpendEntryDto,
  UpdateKeyRequest,
} from './key-requests';
import type { CreatedKeyView, KeyRecord, KeyView, RotatedKeyView, WindowSpend } from './key-views';

/**
 * keys-service as its callers see it. Two implementations: the Redis-transport client (cluster) and an
 * in-process call of the same handler (embedded). Refusals reject with the handler's GatewayError.
 */
export interface KeysClient {
  create(request: CreateKeyDto): Promise<CreatedKeyView>;
  list(request: ListKeysDto): Promise<KeyView[]>;
  get(id: string): Promise<KeyView>;
  update(request: UpdateKeyRequest): Promise<KeyView>;
  rotate(request: RotateKeyRequest): Promise<RotatedKeyView>;
  revoke(id: string): Promise<KeyView>;
  /** The record the gateway authenticates against; null when there is no key with this id. */
  lookup(keyId: string): Promise<KeyRecord | null>;
  /** Persisted spend of the key's current windows. */
  spend(keyId: string): Promise<WindowSpend[]>;
  /** Adds settled costs to the persisted spend, once per batch id however often it is sent. */
  recordSpend(batchId: string, entries: SpendEntryDto[]): Promise<void>;
}

export const KEYS_CLIENT = Symbol('KEYS_CLIENT');
