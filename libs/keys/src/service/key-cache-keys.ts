/** Redis cache entry of a key's record (JSON of KeyRecord), written by keys-service. */
export function keyRecordCacheKey(keyId: string): string {
  return `verosek:key:${keyId}`;
}

/** How long a cached record may live in Redis without being rewritten (invalidation is explicit). */
export const KEY_RECORD_CACHE_TTL_MS = 10 * 60_000;
