import type { EntityType } from '../entities';
import type { Detector } from './detector';
import { addressDetector } from './pii/address';
import { creditCardDetector } from './pii/credit-card';
import { dateOfBirthDetector } from './pii/date-of-birth';
import { emailDetector } from './pii/email';
import { ibanDetector } from './pii/iban';
import { ipAddressDetector } from './pii/ip-address';
import { personDetector } from './pii/person';
import { phoneDetector } from './pii/phone';
import { usSsnDetector } from './pii/us-ssn';
import { awsSecretKeyDetector } from './secrets/aws-secret-key';
import { genericSecretDetector } from './secrets/generic-secret';
import { jwtDetector } from './secrets/jwt';
import { passwordInUrlDetector } from './secrets/password-in-url';
import { privateKeyDetector } from './secrets/private-key';
import { providerTokenDetector } from './secrets/provider-tokens';

/** Every local detector, secrets first (they are the cheapest to rule out). */
export const DETECTORS: readonly Detector[] = [
  providerTokenDetector,
  privateKeyDetector,
  jwtDetector,
  passwordInUrlDetector,
  awsSecretKeyDetector,
  genericSecretDetector,
  emailDetector,
  creditCardDetector,
  ibanDetector,
  usSsnDetector,
  phoneDetector,
  ipAddressDetector,
  dateOfBirthDetector,
  addressDetector,
  personDetector,
];

/** The detectors that can report at least one of `types`. */
export function detectorsFor(types: ReadonlySet<EntityType>): Detector[] {
  return DETECTORS.filter((d) => d.types.some((t) => types.has(t)));
}

/** Characters a stream must hold back so that no enabled detector misses a match split across chunks. */
export function holdBackFor(detectors: readonly Detector[]): number {
  return detectors.reduce((max, d) => Math.max(max, d.window), 0);
}
