import { GatewayError } from '@verosek/protocol';

/** 400 `shield_blocked`, naming the entity types found (never their values). */
export function shieldBlocked(
  direction: 'pre' | 'post',
  types: readonly string[],
  reason?: string,
): GatewayError {
  const what = types.length ? types.join(', ') : 'content the Shield could not check';
  const where = direction === 'pre' ? 'The request' : 'The response';
  return new GatewayError(
    'invalid_request',
    `${where} was blocked by the Shield policy: ${what}${reason ? ` (${reason})` : ''}.`,
    {
      code: 'shield_blocked',
    },
  );
}
