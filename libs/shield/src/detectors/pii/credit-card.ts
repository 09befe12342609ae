import { finding, type Finding } from '../../entities';
import { luhnValid } from '../../text/checksums';
import { forEachMatch, isDigitCode } from '../../text/match';
import { trailingRun } from '../../text/tail';
import type { Detector, TextProfile } from '../detector';
import { hasKnownIssuer } from './card-brands';

const MAX_CANDIDATE = 23;
// 13 to 19 digits, optionally grouped by single spaces or dashes; grouping is checked in code.
const CANDIDATE = /(?<![\d-])\d[\d -]{11,21}\d/g;

/** The usual ways of grouping card digits: 4-4-4-4(-3), 4-6-5 (Amex), 4-6-4 (Diners) or none. */
function acceptedGrouping(groups: number[]): boolean {
  if (groups.length === 1) return true;
  if (groups.length === 3 && groups[0] === 4 && groups[1] === 6 && (groups[2] === 5 || groups[2] === 4))
    return true;
  for (let i = 0; i < groups.length - 1; i++) if (groups[i] !== 4) return false;
  return groups[groups.length - 1] >= 1 && groups[groups.length - 1] <= 4;
}

/** The longest prefix of the candidate, cut at a group boundary, that is a valid card number. */
function validPrefix(candidate: string): number {
  const separator = candidate.includes(' ') ? ' ' : '-';
  if (candidate.includes(' ') && candidate.includes('-')) return 0;
  const parts = candidate.split(separator);
  if (parts.some((p) => p.length === 0)) return 0;
  for (let n = parts.length; n >= 1; n--) {
    const groups = parts.slice(0, n);
    const digits = groups.join('');
    if (digits.length < 13) return 0;
    if (digits.length > 19) continue;
    if (!acceptedGrouping(groups.map((g) => g.length))) continue;
    if (luhnValid(digits) && hasKnownIssuer(digits)) return groups.join(separator).length;
  }
  return 0;
}

/** [0-9 -] */
function isCardRunCode(c: number): boolean {
  return isDigitCode(c) || c === 32 || c === 45;
}

function detect(text: string, profile: TextProfile, out: Finding[]): void {
  if (profile.digits < 13) return;
  forEachMatch(CANDIDATE, text, (m) => {
    const length = validPrefix(m[0]);
    if (length === 0) return;
    const end = m.index + length;
    if (isDigitCode(text.charCodeAt(end))) return;
    out.push(finding('CREDIT_CARD', m.index, end, 0.95));
  });
}

export const creditCardDetector: Detector = {
  name: 'credit-card',
  types: ['CREDIT_CARD'],
  window: MAX_CANDIDATE + 2,
  pendingFrom: (text) => trailingRun(text, isCardRunCode, MAX_CANDIDATE + 2, isDigitCode),
  detect,
};
