import type {
  CreateKeyDto,
  CreatedKeyView,
  KeyRecord,
  KeysClient,
  KeyView,
  ListKeysDto,
  RotateKeyRequest,
  RotatedKeyView,
  SpendEntryDto,
  UpdateKeyRequest,
  WindowSpend,
} from '@verosek/contracts';
import type { KeysService } from '../service/keys.service';

/** KeysClient for embedded mode: calls the keys-service handlers in this process. */
export class InProcessKeysClient implements KeysClient {
  constructor(private readonly service: KeysService) {}

  create(request: CreateKeyDto): Promise<CreatedKeyView> {
    return this.service.create(request);
  }

  list(request: ListKeysDto): Promise<KeyView[]> {
    return this.service.list(request);
  }

  get(id: string): Promise<KeyView> {
    return this.service.get(id);
  }

  update(request: UpdateKeyRequest): Promise<KeyView> {
    return this.service.update(request);
  }

  rotate(request: RotateKeyRequest): Promise<RotatedKeyView> {
    return this.service.rotate(request);
  }

  revoke(id: string): Promise<KeyView> {
    return this.service.revoke(id);
  }

  lookup(keyId: string): Promise<KeyRecord | null> {
    return this.service.lookup(keyId);
  }

  spend(keyId: string): Promise<WindowSpend[]> {
    return this.service.spend(keyId);
  }

  recordSpend(batchId: string, entries: SpendEntryDto[]): Promise<void> {
    return this.service.recordSpend(batchId, entries);
  }
}
