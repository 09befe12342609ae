interface Entry<V> {
  value: V;
  /** Epoch ms; undefined = never expires. */
  expiresAt?: number;
}

/** Writes between two sweeps of expired entries: keeps memory bounded without a timer to clean up. */
const SWEEP_EVERY_WRITES = 1024;

/** A Map whose entries may expire, with Redis-like semantics (expired = absent). */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private writesSinceSweep = 0;

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** ttlMs undefined: no expiry (like SET without PX). */
  set(key: string, value: V, ttlMs?: number): void {
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? undefined : Date.now() + ttlMs });
    this.afterWrite();
  }

  /** Replaces the value and keeps the current expiry (like INCRBY on an existing key). */
  update(key: string, value: V): void {
    const entry = this.entries.get(key);
    if (entry) entry.value = value;
    else this.set(key, value);
  }

  /** Sets an expiry only when the entry has none. */
  expireIfPersistent(key: string, ttlMs: number): void {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt === undefined) entry.expiresAt = Date.now() + ttlMs;
  }

  expire(key: string, ttlMs: number): void {
    const entry = this.entries.get(key);
    if (entry) entry.expiresAt = Date.now() + ttlMs;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private afterWrite(): void {
    if (++this.writesSinceSweep < SWEEP_EVERY_WRITES) return;
    this.writesSinceSweep = 0;
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}
