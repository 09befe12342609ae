/** Every kind of entity the local detectors report, by class. */
export const PII_TYPES = [
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'US_SSN',
  'IBAN',
  'IP_ADDRESS',
  'DATE_OF_BIRTH',
  'PERSON',
  'ADDRESS',
] as const;

export const SECRET_TYPES = [
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'GITHUB_TOKEN',
  'GITLAB_TOKEN',
  'SLACK_TOKEN',
  'SLACK_WEBHOOK',
  'STRIPE_KEY',
  'GOOGLE_API_KEY',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'NPM_TOKEN',
  'SENDGRID_API_KEY',
  'TWILIO_API_KEY',
  'HUGGINGFACE_TOKEN',
  'PRIVATE_KEY',
  'JWT',
  'PASSWORD_IN_URL',
  'GENERIC_SECRET',
] as const;

export type PiiType = (typeof PII_TYPES)[number];
export type SecretType = (typeof SECRET_TYPES)[number];
export type EntityType = PiiType | SecretType;
export type EntityClass = 'pii' | 'secret';

export const ENTITY_TYPES: readonly EntityType[] = [...PII_TYPES, ...SECRET_TYPES];

/** One detected entity: a half-open span [start, end) of the scanned text. Never carries the value. */
export interface Finding {
  type: EntityType;
  class: EntityClass;
  start: number;
  end: number;
  /** Confidence in [0, 1]: higher when a checksum, a fixed prefix or a cue word backs the match. */
  score: number;
}

const ENTITY_SET: ReadonlySet<string> = new Set(ENTITY_TYPES);
const SECRET_SET: ReadonlySet<string> = new Set(SECRET_TYPES);

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && ENTITY_SET.has(value);
}

export function entityClass(type: EntityType): EntityClass {
  return SECRET_SET.has(type) ? 'secret' : 'pii';
}

export function finding(type: EntityType, start: number, end: number, score: number): Finding {
  return { type, class: entityClass(type), start, end, score };
}

/**
 * When two findings overlap, the more specific one wins: a format with a fixed prefix or a checksum
 * beats a cue-based or heuristic one, and a secret beats the PII it may contain.
 */
export const SPECIFICITY: Readonly<Record<EntityType, number>> = {
  PRIVATE_KEY: 100,
  ANTHROPIC_API_KEY: 98,
  OPENAI_API_KEY: 97,
  GITHUB_TOKEN: 96,
  NPM_TOKEN: 96,
  GITLAB_TOKEN: 95,
  SLACK_WEBHOOK: 95,
  SLACK_TOKEN: 94,
  STRIPE_KEY: 94,
  SENDGRID_API_KEY: 94,
  GOOGLE_API_KEY: 93,
  HUGGINGFACE_TOKEN: 92,
  AWS_ACCESS_KEY: 92,
  TWILIO_API_KEY: 90,
  JWT: 89,
  PASSWORD_IN_URL: 88,
  AWS_SECRET_KEY: 86,
  CREDIT_CARD: 80,
  IBAN: 80,
  US_SSN: 75,
  EMAIL: 70,
  IP_ADDRESS: 65,
  PHONE: 60,
  DATE_OF_BIRTH: 55,
  ADDRESS: 50,
  GENERIC_SECRET: 45,
  PERSON: 40,
};
