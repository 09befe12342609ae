import type { EntityType } from './entities';
import { evaluate, type Verdict } from './policy/evaluate';
import {
  actionFor,
  DEFAULT_SHIELD_POLICY,
  type Action,
  type Direction,
  type ShieldPolicy,
} from './policy/policy';
import { scan } from './scan';

export interface OperatorFinding {
  type: EntityType;
  start: number;
  end: number;
  score: number;
  /** What `policy` would do with it in `direction`. */
  action: Action;
}

export interface OperatorScanResult {
  findings: OperatorFinding[];
  verdict: Verdict;
}

/**
 * For the admin endpoint: every finding the hot-path detectors make in `text` (also those the
 * policy turns off, marked 'off'), and the verdict `policy` would give it. Spans, never values.
 */
export function scanForOperator(
  text: string,
  policy: ShieldPolicy = DEFAULT_SHIELD_POLICY,
  direction: Direction = 'pre',
): OperatorScanResult {
  const findings = scan(typeof text === 'string' ? text : '').map(({ type, start, end, score }) => ({
    type,
    start,
    end,
    score,
    action: actionFor(policy, type, direction),
  }));
  return { findings, verdict: evaluate([typeof text === 'string' ? text : ''], policy, direction).verdict };
}
