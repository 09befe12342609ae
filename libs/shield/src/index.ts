// Local detectors
export { ENTITY_TYPES, PII_TYPES, SECRET_TYPES, SPECIFICITY, entityClass, isEntityType } from './entities';
export type { EntityClass, EntityType, Finding, PiiType, SecretType } from './entities';
export { scan } from './scan';
export type { ScanOptions } from './scan';
export { DETECTORS, holdBackFor } from './detectors/registry';
export type { Detector, TextProfile } from './detectors/detector';

// Policies
export {
  ACTIONS,
  DEFAULT_SHIELD_POLICY,
  FAIL_MODES,
  actionFor,
  entityKey,
  failModeOf,
} from './policy/policy';
export type {
  Action,
  ClassActions,
  Direction,
  EntityKey,
  EntityOverride,
  FailMode,
  ShieldPolicy,
  ShieldPolicyOverride,
} from './policy/policy';
export { ShieldPolicyError, parsePolicyOverride, validateShieldPolicy } from './policy/validate-policy';
export { mergePolicy } from './policy/merge-policy';
export { evaluate, shieldFailure } from './policy/evaluate';
export type { EvaluateResult, FindingSummary, Verdict } from './policy/evaluate';
export { evaluateObject } from './policy/evaluate-object';
export type { EvaluateObjectResult } from './policy/evaluate-object';
export { redactText, redactionMarker } from './policy/redact';

// Streams
export { MAX_HELD_MATCH, StreamRedactor } from './stream/stream-redactor';
export type { StreamFinding, StreamRedactorOptions } from './stream/stream-redactor';

// Admin
export { scanForOperator } from './operator';
export type { OperatorFinding, OperatorScanResult } from './operator';

// ML classifiers (run off the hot path, in shield-service)
export { DEFAULT_CLASSIFIER_THRESHOLDS, classify, flaggedBy, loadModel } from './classifiers/classify';
export type { ClassifierScores, ClassifierThresholds } from './classifiers/classify';
export { classifyTexts } from './classifiers/classify-texts';
export { DEFAULT_SCORE_CACHE_ENTRIES, ScoreCache } from './classifiers/score-cache';
export {
  DEFAULT_CLASSIFIER_POLICY,
  classifierPolicyOf,
  parseClassifierPolicy,
} from './classifiers/classifier-policy';
export type { ClassifierPolicy } from './classifiers/classifier-policy';
export { LinearModel } from './classifiers/model';
export type { LinearModelFile } from './classifiers/model';
