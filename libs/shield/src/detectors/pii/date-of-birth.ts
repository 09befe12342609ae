import { finding, type Finding } from '../../entities';
import { forEachMatch } from '../../text/match';
import type { Detector, TextProfile } from '../detector';

const MONTHS: ReadonlyArray<readonly string[]> = [
  ['january', 'jan', 'januar', 'janvier', 'enero'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'febrero'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo'],
  ['april', 'apr', 'avril', 'abril'],
  ['may', 'mai', 'mayo'],
  ['june', 'jun', 'juni', 'juin', 'junio'],
  ['july', 'jul', 'juli', 'juillet', 'julio'],
  ['august', 'aug', 'août', 'aout', 'agosto'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'diciembre'],
];
const MONTH_NUMBER = new Map<string, number>(
  MONTHS.flatMap((names, i) => names.map((n) => [n, i + 1] as const)),
);
const MONTH = [...MONTH_NUMBER.keys()].sort((a, b) => b.length - a.length).join('|');

const CUES =
  'born(?: on| in)?|dob|d\\.o\\.b\\.?|date of birth|birth ?date|birthday|geboren(?: am)?|geburtsdatum|geb\\.|' +
  'née? le|date de naissance|fecha de nacimiento|nacid[oa] el';
const NUMERIC = '(\\d{1,2})[./-](\\d{1,2})[./-](\\d{4}|\\d{2})';
const ISO = '(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})';
const DAY_MONTH = `(\\d{1,2})(?:st|nd|rd|th)?\\.? (?:of )?(${MONTH})\\.?,? (\\d{4})`;
const MONTH_DAY = `(${MONTH})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})`;
// A cue word, up to 20 characters of anything but digits, then the date. Only the date is reported.
const DOB = new RegExp(
  `(?<![a-z])(?:${CUES})(?![a-z])[^\\d\\n]{0,20}?(?<![a-z])(?:${NUMERIC}|${ISO}|${DAY_MONTH}|${MONTH_DAY})(?![\\d])`,
  'gid',
);
const MAX_DATE = 30;
// The cue alone, to find one whose date may still be coming at the end of a stream.
const CUE = new RegExp(`(?<![a-z])(?:${CUES})(?![a-z])`, 'gi');
const WINDOW = 24 + 20 + MAX_DATE + 1;
// A cheap pass first: the stems every cue contains.
const CUE_STEM = /born|dob|d\.o\.b|birth|geb|n[ée]e? le|naissance|nacimiento|nacid/i;

function plausible(day: number, month: number, year: number): boolean {
  const thisYear = new Date().getUTCFullYear();
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 1900 && year <= thisYear;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n + (n > new Date().getUTCFullYear() % 100 ? 1900 : 2000);
}

function validDate(m: RegExpExecArray): boolean {
  if (m[1] !== undefined) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), fullYear(m[3])];
    // Day-first (most of the world) or month-first (US).
    return plausible(a, b, y) || plausible(b, a, y);
  }
  if (m[4] !== undefined) return plausible(Number(m[6]), Number(m[5]), Number(m[4]));
  if (m[7] !== undefined)
    return plausible(Number(m[7]), MONTH_NUMBER.get(m[8].toLowerCase()) ?? 0, Number(m[9]));
  return plausible(Number(m[11]), MONTH_NUMBER.get(m[10].toLowerCase()) ?? 0, Number(m[12]));
}

function detect(text: string, profile: TextProfile, out: Finding[]): void {
  if (profile.digits < 2 || !CUE_STEM.test(text)) return;
  forEachMatch(DOB, text, (m) => {
    if (!validDate(m)) return;
    const group = [1, 4, 7, 10].find((g) => m[g] !== undefined) ?? 1;
    const start = m.indices![group]![0];
    out.push(finding('DATE_OF_BIRTH', start, m.index + m[0].length, 0.9));
  });
}

/**
 * Only the date is reported, so a cue is left context. A date may still be coming after a cue that
 * ends close enough to the end of the text (within the gap and a date's length), with no line
 * break since: hold from the cue's end.
 */
function pendingFrom(text: string): number {
  let pending = text.length;
  forEachMatch(
    CUE,
    text,
    (m) => {
      const cueEnd = m.index + m[0].length;
      if (
        pending === text.length &&
        text.length - cueEnd <= 20 + MAX_DATE + 1 &&
        text.indexOf('\n', cueEnd) < 0
      )
        pending = cueEnd;
    },
    Math.max(0, text.length - WINDOW),
  );
  return pending;
}

export const dateOfBirthDetector: Detector = {
  name: 'date-of-birth',
  types: ['DATE_OF_BIRTH'],
  window: WINDOW,
  pendingFrom,
  detect,
};
