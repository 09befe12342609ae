import { finding, type Finding } from '../../entities';
import { forEachMatch, isDigitCode } from '../../text/match';
import { trailingRun } from '../../text/tail';
import type { Detector, TextProfile } from '../detector';

const CUE_LOOKBACK = 32;
const CANDIDATE = /(?<![\d-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d-])/g;
const CUE = /\b(?:ssn|ss#|social security|soc\.? ?sec|sozialversicherungs)/i;

/** SSA rules: area 000, 666 and 900-999 are never issued, nor group 00, nor serial 0000. */
export function ssnIssuable(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

function detect(text: string, profile: TextProfile, out: Finding[]): void {
  if (profile.digits < 9) return;
  forEachMatch(CANDIDATE, text, (m) => {
    if (!ssnIssuable(m[1], m[3], m[4])) return;
    const cue = CUE.test(text.slice(Math.max(0, m.index - CUE_LOOKBACK), m.index));
    // Nine bare digits are as likely an order or account number: only with a cue word.
    if (m[2] === '' && !cue) return;
    out.push(finding('US_SSN', m.index, m.index + m[0].length, cue ? 0.95 : m[2] === '-' ? 0.85 : 0.6));
  });
}

export const usSsnDetector: Detector = {
  name: 'us-ssn',
  types: ['US_SSN'],
  window: CUE_LOOKBACK + 11 + 1,
  // The cue is left context; a number still arriving is the run of digits, dashes and spaces at the end.
  pendingFrom: (text) =>
    trailingRun(text, (c) => isDigitCode(c) || c === 32 || c === 45, 11 + 2, isDigitCode),
  detect,
};
