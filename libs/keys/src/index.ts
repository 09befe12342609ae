export * from './key-format';
export * from './secret-hash';
export * from './budget/budget-window';
export * from './budget/money';
export { BudgetService, type Reservation, type Settlement } from './budget/budget.service';
export { SpendRecorder } from './budget/spend-recorder';
export { budgetCounters, hasBudget, remainingMicro, type BudgetCounter } from './budget/budget-counters';
export * from './pricing/model-price';
export { PRICE_TABLE } from './pricing/price-table';
export * from './pricing/price-lookup';
export * from './pricing/call-cost';
export * from './auth/caller-identity';
export { KeyAuthenticator } from './auth/key-authenticator';
export { KeyPolicy } from './auth/key-policy';
export { KeyRecordCache } from './auth/key-record-cache';
export { RateLimiter, type TokenGrant } from './limits/rate-limiter';
export { KeysService } from './service/keys.service';
export { KeyStore } from './service/key-store';
export { KeyExpirySweeper } from './service/key-expiry-sweeper';
export { keyRecordCacheKey } from './service/key-cache-keys';
export { InProcessKeysClient } from './transport/in-process-keys.client';
export { RedisKeysClient } from './transport/redis-keys.client';
export { redisTransportConfig } from './transport/redis-transport-options';
export {
  keysTransportClient,
  keysTransportServer,
  type KeysTransportOptions,
} from './transport/keys-transport';
export { GatewayRpcExceptionFilter, toRpcError, fromRpcError } from './transport/rpc-error';
export { keysValidationPipe, validationFailure } from './transport/validation';
export { KeysCoreModule, type KeysCoreModuleOptions } from './keys-core.module';
export { KeysModule, type KeysModuleOptions } from './keys.module';
