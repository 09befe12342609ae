import type { OnApplicationShutdown } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
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
import { KEYS_PATTERNS } from '@verosek/contracts';
import { firstValueFrom, timeout } from 'rxjs';
import { fromRpcError } from './rpc-error';

export const DEFAULT_KEYS_RPC_TIMEOUT_MS = 5_000;

/** What the client needs of a Nest ClientProxy (any transport's status type). */
export type KeysRpcProxy = Pick<ClientProxy, 'send' | 'close'>;

/** KeysClient for cluster mode: keys-service over Nest's Redis transport. */
export class RedisKeysClient implements KeysClient, OnApplicationShutdown {
  constructor(
    private readonly proxy: KeysRpcProxy,
    private readonly timeoutMs = DEFAULT_KEYS_RPC_TIMEOUT_MS,
  ) {}

  /** After onModuleDestroy, where callers (the spend recorder) send their last messages. */
  async onApplicationShutdown(): Promise<void> {
    // ClientRedis.close() quits its connections, which never completes while Redis is unreachable.
    await Promise.race([
      this.proxy.close(),
      new Promise((resolve) => setTimeout(resolve, this.timeoutMs).unref()),
    ]);
  }

  create(request: CreateKeyDto): Promise<CreatedKeyView> {
    return this.send(KEYS_PATTERNS.create, request);
  }

  list(request: ListKeysDto): Promise<KeyView[]> {
    return this.send(KEYS_PATTERNS.list, request);
  }

  get(id: string): Promise<KeyView> {
    return this.send(KEYS_PATTERNS.get, { id });
  }

  update(request: UpdateKeyRequest): Promise<KeyView> {
    return this.send(KEYS_PATTERNS.update, request);
  }

  rotate(request: RotateKeyRequest): Promise<RotatedKeyView> {
    return this.send(KEYS_PATTERNS.rotate, request);
  }

  revoke(id: string): Promise<KeyView> {
    return this.send(KEYS_PATTERNS.revoke, { id });
  }

  lookup(keyId: string): Promise<KeyRecord | null> {
    return this.send(KEYS_PATTERNS.lookup, { id: keyId });
  }

  spend(keyId: string): Promise<WindowSpend[]> {
    return this.send(KEYS_PATTERNS.spend, { id: keyId });
  }

  async recordSpend(batchId: string, entries: SpendEntryDto[]): Promise<void> {
    await this.send(KEYS_PATTERNS.recordSpend, { batch_id: batchId, entries });
  }

  private async send<T>(pattern: string, payload: object): Promise<T> {
    try {
      return await firstValueFrom(this.proxy.send<T>(pattern, payload).pipe(timeout(this.timeoutMs)));
    } catch (err) {
      throw fromRpcError(err);
    }
  }
}
