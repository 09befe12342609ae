/** Message patterns of keys-service on the Redis transport. */
export const KEYS_PATTERNS = {
  create: 'keys.create',
  list: 'keys.list',
  get: 'keys.get',
  update: 'keys.update',
  rotate: 'keys.rotate',
  revoke: 'keys.revoke',
  lookup: 'keys.lookup',
  spend: 'keys.spend',
  recordSpend: 'keys.recordSpend',
} as const;

/** PubSub channel on which keys-service announces a key id whose cached record is stale. */
export const KEYS_INVALIDATION_CHANNEL = 'verosek:keys:invalidate';
