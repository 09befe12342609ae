import { Controller, UseFilters, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { CreatedKeyView, KeyRecord, KeyView, RotatedKeyView, WindowSpend } from '@verosek/contracts';
import {
  CreateKeyDto,
  KEYS_PATTERNS,
  KeyIdDto,
  ListKeysDto,
  RecordSpendDto,
  RotateKeyRequest,
  UpdateKeyRequest,
} from '@verosek/contracts';
import { GatewayRpcExceptionFilter, KeysService, keysValidationPipe } from '@verosek/keys';

/** keys-service's message handlers on the Redis transport; the logic is KeysService's. */
@Controller()
@UsePipes(keysValidationPipe())
@UseFilters(GatewayRpcExceptionFilter)
export class KeysRpcController {
  constructor(private readonly keys: KeysService) {}

  @MessagePattern(KEYS_PATTERNS.create)
  create(@Payload() request: CreateKeyDto): Promise<CreatedKeyView> {
    return this.keys.create(request);
  }

  @MessagePattern(KEYS_PATTERNS.list)
  list(@Payload() request: ListKeysDto): Promise<KeyView[]> {
    return this.keys.list(request);
  }

  @MessagePattern(KEYS_PATTERNS.get)
  get(@Payload() { id }: KeyIdDto): Promise<KeyView> {
    return this.keys.get(id);
  }

  @MessagePattern(KEYS_PATTERNS.update)
  update(@Payload() request: UpdateKeyRequest): Promise<KeyView> {
    return this.keys.update(request);
  }

  @MessagePattern(KEYS_PATTERNS.rotate)
  rotate(@Payload() request: RotateKeyRequest): Promise<RotatedKeyView> {
    return this.keys.rotate(request);
  }

  @MessagePattern(KEYS_PATTERNS.revoke)
  revoke(@Payload() { id }: KeyIdDto): Promise<KeyView> {
    return this.keys.revoke(id);
  }

  @MessagePattern(KEYS_PATTERNS.lookup)
  lookup(@Payload() { id }: KeyIdDto): Promise<KeyRecord | null> {
    return this.keys.lookup(id);
  }

  @MessagePattern(KEYS_PATTERNS.spend)
  spend(@Payload() { id }: KeyIdDto): Promise<WindowSpend[]> {
    return this.keys.spend(id);
  }

  @MessagePattern(KEYS_PATTERNS.recordSpend)
  async recordSpend(@Payload() { batch_id, entries }: RecordSpendDto): Promise<{ recorded: number }> {
    await this.keys.recordSpend(batch_id, entries);
    return { recorded: entries.length };
  }
}
