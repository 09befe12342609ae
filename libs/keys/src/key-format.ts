import { randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'vsk_';
export const KEY_ID_LENGTH = 12;
/** 43 base62 characters carry 256 bits of entropy. */
export const KEY_SECRET_LENGTH = 43;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 248 = 4 * 62: bytes at or above it are dropped so that every character is equally likely. */
const UNBIASED_BYTE_LIMIT = 248;
const KEY_PATTERN = new RegExp(
  `^${KEY_PREFIX}([0-9A-Za-z]{${KEY_ID_LENGTH}})_([0-9A-Za-z]{${KEY_SECRET_LENGTH}})$`,
);
const KEY_ID_PATTERN = new RegExp(`^[0-9A-Za-z]{${KEY_ID_LENGTH}}$`);

export interface ParsedKey {
  keyId: string;
  secret: string;
}

/** Uniformly random base62 text from the system CSPRNG. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_BYTE_LIMIT) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function newKeyId(): string {
  return randomBase62(KEY_ID_LENGTH);
}

export function newSecret(): string {
  return randomBase62(KEY_SECRET_LENGTH);
}

/** The full key shown to the user once: `vsk_<key id>_<secret>`. */
export function formatKey(keyId: string, secret: string): string {
  return `${KEY_PREFIX}${keyId}_${secret}`;
}

/** Splits a raw key into its id and secret; undefined when it is not a Verosek key. */
export function parseKey(raw: string): ParsedKey | undefined {
  const match = KEY_PATTERN.exec(raw);
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

export function isKeyId(value: string): boolean {
  return KEY_ID_PATTERN.test(value);
}
