import { finding, type Finding } from '../../entities';
import { forEachMatch, isDigitCode } from '../../text/match';
import { trailingRun } from '../../text/tail';
import type { Detector, TextProfile } from '../detector';
import { countryCodeLength } from './country-codes';

const MAX_CANDIDATE = 26;
const CUE_LOOKBACK = 24;
// A run of digits and phone punctuation that starts with '+', '00', '(' or a digit and ends with a digit.
// The shape is checked in code (groups, separators, length, country rules).
const CANDIDATE = /(?<![\w+./-])(?:\+|\()?\d[\d ()./-]{5,22}\d/g;
const CUE =
  /(?:phone|tel|mobile|cell|call|fax|handy|telefon|t[ée]l[ée]phone|t[ée]l|portable|whatsapp|sms|text me|ring me)\b[^\n\d]{0,12}$/i;

interface Shape {
  digits: string;
  groups: number[];
  /** Separator kinds used between groups, not counting ')' nor the space that follows it. */
  kinds: Set<string>;
  international: boolean;
}

/** Splits a candidate into digit groups; null when its punctuation is not how phone numbers are written. */
function shapeOf(candidate: string): Shape | null {
  let s = candidate.replace('(0)', '');
  const international = s[0] === '+' || s.startsWith('00');
  if (s[0] === '+') s = s.slice(1);
  let digits = '';
  const groups: number[] = [];
  let separators = '';
  let run = 0;
  let openParen = false;
  let previousWasSeparator = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (isDigitCode(s.charCodeAt(i))) {
      digits += ch;
      run++;
      previousWasSeparator = false;
      continue;
    }
    if (ch === '(') {
      if (openParen || run > 0 || (previousWasSeparator && separators[separators.length - 1] !== ' '))
        return null;
      openParen = true;
      continue;
    }
    if (ch === ')') {
      if (!openParen || run === 0) return null;
      openParen = false;
      groups.push(run);
      run = 0;
      previousWasSeparator = true;
      separators += ')';
      continue;
    }
    // ' ', '-', '.', '/': one between groups, except a space right after ')'.
    if (previousWasSeparator && !(ch === ' ' && separators[separators.length - 1] === ')')) return null;
    if (run > 0) groups.push(run);
    run = 0;
    separators += ch;
    previousWasSeparator = true;
  }
  if (openParen) return null;
  if (run > 0) groups.push(run);
  const kinds = new Set(separators.replace(/\) ?/g, ''));
  // "+1 212-555-1234" mixes a space with one other separator; national numbers use one kind.
  const mixed = kinds.size > 2 || (kinds.size === 2 && !(international && kinds.has(' ')));
  return mixed ? null : { digits, groups, kinds, international };
}

function nanp(shape: Shape): boolean {
  let d = shape.digits;
  let g = shape.groups;
  if (d.length === 11 && d[0] === '1' && g[0] === 1) {
    d = d.slice(1);
    g = g.slice(1);
  }
  if (d.length !== 10 || g.length !== 3 || g[0] !== 3 || g[1] !== 3 || g[2] !== 4) return false;
  return d[0] >= '2' && d[3] >= '2';
}

function national(shape: Shape): boolean {
  const { digits, groups } = shape;
  if (digits[0] !== '0' || digits[1] === '0') return false;
  if (digits.length < 10 || digits.length > 12) return false;
  if (groups.length < 2 || groups.some((g) => g < 2)) return false;
  // French style "01 23 45 67 89" or any grouping of a UK / German / Dutch / Italian national number.
  return groups[0] <= 5;
}

function international(shape: Shape): boolean {
  let d = shape.digits;
  if (d.startsWith('00')) d = d.slice(2);
  if (d.length < 8 || d.length > 15 || d[0] === '0') return false;
  return countryCodeLength(d) > 0 && shape.groups.every((g) => g <= 12);
}

function score(text: string, start: number, shape: Shape): number {
  const cue = CUE.test(text.slice(Math.max(0, start - CUE_LOOKBACK), start));
  if (shape.international && international(shape)) return cue ? 0.95 : 0.85;
  if (nanp(shape)) return cue ? 0.9 : 0.85;
  if (national(shape)) return cue ? 0.9 : 0.75;
  // Unpunctuated national numbers look like any other number: only with a cue word.
  if (cue && shape.digits.length >= 9 && shape.digits.length <= 13 && shape.groups.length === 1) return 0.7;
  return 0;
}

/** [0-9 ()./+-] */
function isPhoneRunCode(c: number): boolean {
  return isDigitCode(c) || c === 32 || c === 40 || c === 41 || c === 46 || c === 47 || c === 43 || c === 45;
}

/** A candidate starts with a digit, '+' or '('. */
function isPhoneStartCode(c: number): boolean {
  return isDigitCode(c) || c === 43 || c === 40;
}

function detect(text: string, profile: TextProfile, out: Finding[]): void {
  if (profile.digits < 8) return;
  forEachMatch(CANDIDATE, text, (m) => {
    let start = m.index;
    let candidate = m[0];
    if (isDigitCode(text.charCodeAt(start + candidate.length))) return;
    if (candidate.startsWith('00') && start > 0 && text[start - 1] === '+') return;
    if (/[a-zA-Z]/.test(text[start + candidate.length] ?? '')) return;
    if (candidate[0] === '(' && candidate.indexOf(')') < 0) {
      candidate = candidate.slice(1);
      start++;
    }
    const shape = shapeOf(candidate);
    if (!shape) return;
    const s = score(text, start, shape);
    if (s >= 0.5) out.push(finding('PHONE', start, start + candidate.length, s));
  });
}

export const phoneDetector: Detector = {
  name: 'phone',
  types: ['PHONE'],
  window: CUE_LOOKBACK + MAX_CANDIDATE + 2,
  // The cue is left context; a number still arriving is the run of digits and phone punctuation at the end.
  pendingFrom: (text) => trailingRun(text, isPhoneRunCode, MAX_CANDIDATE + 2, isPhoneStartCode),
  detect,
};
