import { finding, type Finding } from '../../entities';
import { ibanChecksumValid } from '../../text/checksums';
import { forEachMatch, isAlnumCode, isDigitCode } from '../../text/match';
import { trailingRun } from '../../text/tail';
import type { Detector, TextProfile } from '../detector';

/** IBAN length per country (SWIFT IBAN registry). */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};
const MAX_IBAN = 34;
const START = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}/g;

/**
 * Reads `length` IBAN characters from `start`, allowing single spaces between them (the printed
 * form "DE89 3704 ..."). Returns the compact IBAN and where it ends, or null.
 */
function readIban(text: string, start: number, length: number): { iban: string; end: number } | null {
  let iban = '';
  let i = start;
  while (iban.length < length && i < text.length) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      iban += text[i];
      i++;
    } else if (c === 32 && iban.length > 0 && i + 1 < text.length && isAlnumCode(text.charCodeAt(i + 1))) {
      i++;
    } else {
      return null;
    }
  }
  if (iban.length < length || isAlnumCode(text.charCodeAt(i))) return null;
  return { iban, end: i };
}

function detect(text: string, profile: TextProfile, out: Finding[]): void {
  if (profile.digits < 8) return;
  forEachMatch(START, text, (m) => {
    const length = IBAN_LENGTH[m[1]];
    if (length === undefined) return;
    const read = readIban(text, m.index, length);
    if (read && ibanChecksumValid(read.iban)) {
      out.push(finding('IBAN', m.index, read.end, 0.97));
      START.lastIndex = read.end;
    }
  });
}

// 34 characters plus a space between every group of four.
const WINDOW = MAX_IBAN + 9 + 2;

function isUpperCode(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Could an IBAN start at `at`: after no letter or digit, two capitals then two digits, as far as the text goes. */
function couldStartAt(text: string, at: number): boolean {
  if (at > 0 && isAlnumCode(text.charCodeAt(at - 1))) return false;
  for (let k = 0; k < 4 && at + k < text.length; k++) {
    const c = text.charCodeAt(at + k);
    if (k < 2 ? !isUpperCode(c) : !isDigitCode(c)) return false;
  }
  return true;
}

/** An IBAN still arriving: within the run of capitals, digits and spaces at the end, from where one can start. */
function pendingFrom(text: string): number {
  const run = trailingRun(text, (c) => isUpperCode(c) || isDigitCode(c) || c === 32, WINDOW);
  for (let at = run; at < text.length; at++) if (couldStartAt(text, at)) return at;
  return text.length;
}

export const ibanDetector: Detector = {
  name: 'iban',
  types: ['IBAN'],
  window: WINDOW,
  pendingFrom,
  detect,
};
