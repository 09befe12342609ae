import { ENTITY_TYPES } from '../entities';
import { parseClassifierPolicy } from '../classifiers/classifier-policy';
import { mergePolicy } from './merge-policy';
import { ShieldPolicyError } from './shield-policy-error';
import {
  ACTIONS,
  DEFAULT_SHIELD_POLICY,
  FAIL_MODES,
  type Action,
  type ClassActions,
  type EntityKey,
  type EntityOverride,
  type ShieldPolicy,
  type ShieldPolicyOverride,
} from './policy';

const ENTITY_KEYS: ReadonlySet<string> = new Set(ENTITY_TYPES.map((t) => t.toLowerCase()));

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value}'` : typeof value;
}

function asRecord(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShieldPolicyError(field, `must be an object (got ${describe(value)})`);
  }
  return value as Record<string, unknown>;
}

function rejectUnknownKeys(record: Record<string, unknown>, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key))
      throw new ShieldPolicyError(`${field}.${key}`, `unknown field (expected one of ${allowed.join(', ')})`);
  }
}

function parseAction(value: unknown, field: string): Action {
  if (typeof value === 'string' && (ACTIONS as readonly string[]).includes(value)) return value as Action;
  throw new ShieldPolicyError(field, `must be one of ${ACTIONS.join(', ')} (got ${describe(value)})`);
}

function parseClassActions(value: unknown, field: string): Partial<ClassActions> {
  const record = asRecord(value, field);
  rejectUnknownKeys(record, ['pii', 'secrets'], field);
  const out: Partial<ClassActions> = {};
  if (record.pii !== undefined) out.pii = parseAction(record.pii, `${field}.pii`);
  if (record.secrets !== undefined) out.secrets = parseAction(record.secrets, `${field}.secrets`);
  return out;
}

function parseEntityOverride(value: unknown, field: string): EntityOverride {
  if (typeof value === 'string') return parseAction(value, field);
  const record = asRecord(value, field);
  rejectUnknownKeys(record, ['pre', 'post'], field);
  const out: Partial<Record<'pre' | 'post', Action>> = {};
  if (record.pre !== undefined) out.pre = parseAction(record.pre, `${field}.pre`);
  if (record.post !== undefined) out.post = parseAction(record.post, `${field}.post`);
  return out;
}

function parseEntities(value: unknown, field: string): Partial<Record<EntityKey, EntityOverride>> {
  const record = asRecord(value, field);
  const out: Partial<Record<EntityKey, EntityOverride>> = {};
  for (const [key, override] of Object.entries(record)) {
    if (!ENTITY_KEYS.has(key))
      throw new ShieldPolicyError(
        `${field}.${key}`,
        'unknown entity type (use the lower-case type name, e.g. ip_address)',
      );
    out[key as EntityKey] = parseEntityOverride(override, `${field}.${key}`);
  }
  return out;
}

/**
 * Checks a partial policy (a per-virtual-key override, or the config's `shield:` object before
 * defaults). Throws ShieldPolicyError naming the bad field; unknown fields are errors, so typos show.
 */
export function parsePolicyOverride(input: unknown, field = 'shield'): ShieldPolicyOverride {
  if (input === undefined || input === null) return {};
  const record = asRecord(input, field);
  rejectUnknownKeys(record, ['pre', 'post', 'entities', 'fail_mode'], field);
  const out: ShieldPolicyOverride = {};
  if (record.pre !== undefined) out.pre = parseClassActions(record.pre, `${field}.pre`);
  if (record.post !== undefined) out.post = parseClassActions(record.post, `${field}.post`);
  if (record.entities !== undefined) out.entities = parseEntities(record.entities, `${field}.entities`);
  if (record.fail_mode !== undefined) {
    if (!(FAIL_MODES as readonly unknown[]).includes(record.fail_mode)) {
      throw new ShieldPolicyError(
        `${field}.fail_mode`,
        `must be one of ${FAIL_MODES.join(', ')} (got ${describe(record.fail_mode)})`,
      );
    }
    out.fail_mode = record.fail_mode as ShieldPolicy['fail_mode'];
  }
  return out;
}

/**
 * Validates the config's `shield:` object (already parsed from YAML) and fills in the defaults. Its
 * `classifiers` section is checked too (parseClassifierPolicy) but is not part of the returned
 * policy: the asynchronous classifiers read it with classifierPolicyOf. Per-key overrides
 * (parsePolicyOverride) cannot carry it.
 */
export function validateShieldPolicy(input: unknown, field = 'shield'): ShieldPolicy {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('classifiers' in input))
    return mergePolicy(DEFAULT_SHIELD_POLICY, parsePolicyOverride(input, field));
  const { classifiers, ...rest } = input as Record<string, unknown>;
  parseClassifierPolicy(classifiers, `${field}.classifiers`);
  return mergePolicy(DEFAULT_SHIELD_POLICY, parsePolicyOverride(rest, field));
}

export { ShieldPolicyError };
