import { ShieldPolicyError } from '../policy/shield-policy-error';
import { DEFAULT_CLASSIFIER_THRESHOLDS, type ClassifierThresholds } from './classify';

/**
 * The `shield.classifiers` section: which calls the asynchronous classifiers score, what counts as
 * flagged, and when a key is suspended for it.
 *
 * ```yaml
 * shield:
 *   classifiers:
 *     sample_rate: 0.25        # share of calls scored, 0..1 (default 1: all)
 *     suspend_after: 5         # flagged calls of one key within 24 h that revoke it (default: never)
 *     thresholds: { injection: 0.6, toxicity: 0.7 }
 * ```
 */
export interface ClassifierPolicy {
  sample_rate: number;
  /** null: flagged calls are recorded, keys are never suspended for them. */
  suspend_after: number | null;
  thresholds: ClassifierThresholds;
}

export const DEFAULT_CLASSIFIER_POLICY: Readonly<ClassifierPolicy> = Object.freeze({
  sample_rate: 1,
  suspend_after: null,
  thresholds: DEFAULT_CLASSIFIER_THRESHOLDS,
});

const FIELDS = ['sample_rate', 'suspend_after', 'thresholds'];
const TASKS = Object.keys(DEFAULT_CLASSIFIER_THRESHOLDS) as (keyof ClassifierThresholds)[];

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShieldPolicyError(
      field,
      `must be an object (got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value})`,
    );
  }
  return value as Record<string, unknown>;
}

function rejectUnknown(value: Record<string, unknown>, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new ShieldPolicyError(`${field}.${key}`, `unknown field (expected one of ${allowed.join(', ')})`);
  }
}

function probability(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1)
    throw new ShieldPolicyError(field, `must be a number from 0 to 1 (got ${JSON.stringify(value)})`);
  return value;
}

function suspendAfter(value: unknown, field: string): number | null {
  if (value === null || value === 'off' || value === false) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new ShieldPolicyError(field, `must be a positive integer, or off (got ${JSON.stringify(value)})`);
  return value;
}

/** Validates `shield.classifiers` (parsed YAML) and fills in the defaults; errors name the field. */
export function parseClassifierPolicy(input: unknown, field = 'shield.classifiers'): ClassifierPolicy {
  if (input === undefined || input === null) return { ...DEFAULT_CLASSIFIER_POLICY };
  const raw = record(input, field);
  rejectUnknown(raw, FIELDS, field);
  const thresholds = { ...DEFAULT_CLASSIFIER_THRESHOLDS };
  if (raw.thresholds !== undefined) {
    const given = record(raw.thresholds, `${field}.thresholds`);
    rejectUnknown(given, TASKS, `${field}.thresholds`);
    for (const task of TASKS) {
      if (given[task] !== undefined)
        thresholds[task] = probability(given[task], `${field}.thresholds.${task}`);
    }
  }
  return {
    sample_rate:
      raw.sample_rate === undefined
        ? DEFAULT_CLASSIFIER_POLICY.sample_rate
        : probability(raw.sample_rate, `${field}.sample_rate`),
    suspend_after:
      raw.suspend_after === undefined ? null : suspendAfter(raw.suspend_after, `${field}.suspend_after`),
    thresholds,
  };
}

/** The classifier policy of the config's raw `shield:` section (whose other fields validateShieldPolicy checks). */
export function classifierPolicyOf(shield: unknown, field = 'shield'): ClassifierPolicy {
  const classifiers =
    typeof shield === 'object' && shield !== null && !Array.isArray(shield)
      ? (shield as Record<string, unknown>).classifiers
      : undefined;
  return parseClassifierPolicy(classifiers, `${field}.classifiers`);
}
