import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random id with the given prefix (`chatcmpl-`, `msg_`, `call_`...), 24 url-safe characters. */
export function newId(prefix: string): string {
  const bytes = randomBytes(24);
  let id = prefix;
  for (let i = 0; i < bytes.length; i++) id += ALPHABET[bytes[i] % ALPHABET.length];
  return id;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
