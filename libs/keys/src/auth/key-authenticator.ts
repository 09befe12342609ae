import { Injectable } from '@nestjs/common';
import { GatewayError } from '@verosek/protocol';
import { parseKey } from '../key-format';
import { constantTimeEquals, verifySecret } from '../secret-hash';
import type { CallerIdentity } from './caller-identity';
import { MASTER_KEY_ID } from './caller-identity';
import { KeyRecordCache } from './key-record-cache';

const MASTER: CallerIdentity = Object.freeze({ keyId: MASTER_KEY_ID, isMaster: true });

/**
 * Verifies a raw key at the start of a call. The secret is checked before the key's state, so that
 * only a holder of the secret learns that a key is revoked or expired.
 */
@Injectable()
export class KeyAuthenticator {
  constructor(private readonly records: KeyRecordCache) {}

  async authenticate(rawKey: string | undefined, masterKey?: string): Promise<CallerIdentity> {
    if (!rawKey) throw new GatewayError('authentication', 'no API key was sent', { code: 'missing_api_key' });
    if (masterKey && constantTimeEquals(rawKey, masterKey)) return MASTER;
    const parsed = parseKey(rawKey);
    if (!parsed) throw invalidKey();
    const record = await this.records.get(parsed.keyId);
    if (!record) throw invalidKey();

    const now = Date.now();
    const matches =
      verifySecret(parsed.secret, record.secretHash) ||
      (record.previousSecretHash !== null &&
        record.previousExpiresAt !== null &&
        record.previousExpiresAt > now &&
        verifySecret(parsed.secret, record.previousSecretHash));
    if (!matches) throw invalidKey();
    if (record.revokedAt !== null) {
      throw new GatewayError('authentication', `API key ${record.id} has been revoked`, {
        code: 'key_revoked',
      });
    }
    if (record.expiresAt <= now) {
      throw new GatewayError(
        'authentication',
        `API key ${record.id} expired at ${new Date(record.expiresAt).toISOString()}`,
        {
          code: 'key_expired',
        },
      );
    }
    return { keyId: record.id, isMaster: false, record };
  }
}

function invalidKey(): GatewayError {
  return new GatewayError('authentication', 'invalid API key', { code: 'invalid_api_key' });
}
