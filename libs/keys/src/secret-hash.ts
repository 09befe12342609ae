import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets are stored as `sha256:<salt>:<digest>` (base64url), digest = SHA-256(salt || secret).
 * A fast hash is enough: the secret is 256 random bits, so there is nothing to brute-force, and the
 * per-key salt keeps equal secrets from having equal hashes.
 */
const SCHEME = 'sha256';
const SALT_BYTES = 16;

export function hashSecret(secret: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  return `${SCHEME}:${salt.toString('base64url')}:${digest(salt, secret).toString('base64url')}`;
}

/** Constant-time check of a secret against a stored hash; false for a malformed hash. */
export function verifySecret(secret: string, storedHash: string): boolean {
  const [scheme, salt, expected] = storedHash.split(':');
  if (scheme !== SCHEME || !salt || !expected) return false;
  const expectedBytes = Buffer.from(expected, 'base64url');
  const actual = digest(Buffer.from(salt, 'base64url'), secret);
  return expectedBytes.length === actual.length && timingSafeEqual(expectedBytes, actual);
}

/**
 * Constant-time equality of a presented string and a secret of ours (the master key), of any length:
 * compares their SHA-256 digests. The secret is the same call after call, so its digest is kept.
 */
export function constantTimeEquals(candidate: string, secret: string): boolean {
  if (secret !== lastSecret) {
    lastSecretDigest = hash('sha256', secret, 'buffer');
    lastSecret = secret;
  }
  return timingSafeEqual(hash('sha256', candidate, 'buffer'), lastSecretDigest);
}

let lastSecret: string | undefined;
let lastSecretDigest = Buffer.alloc(0);

// crypto.hash, the one-shot form: a fraction of createHash's cost, and this runs on every call.
function digest(salt: Buffer, secret: string): Buffer {
  return hash('sha256', Buffer.concat([salt, Buffer.from(secret)]), 'buffer');
}
