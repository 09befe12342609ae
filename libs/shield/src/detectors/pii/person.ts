import { finding, type Finding } from '../../entities';
import { forEachMatch, matchAt } from '../../text/match';
import type { Detector } from '../detector';
import { FIRST_NAMES, NOT_SURNAMES } from './first-names';

const NAME_WORD = "[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]{1,24}";
const CAPITALISED = new RegExp(`(?<![\\w])${NAME_WORD}`, 'g');
const CUE_LOOKBACK = 40;
// A cue right before a capitalised word introduces a name: "my name is X", "Dear X", "Dr. X", "Name: X".
const CUE_BEFORE = new RegExp(
  "(?:(?<![a-z])(?:my name is|my name's|i am called|call me|je m'appelle|ich heiße|ich heisse|mein name ist|" +
    'me llamo|mi nombre es|signed,?|regards,|dear|mrs?\\.?|ms\\.?|miss|dr\\.?|prof\\.?|herr|frau|monsieur|madame|' +
    'mme\\.?|señora?|sr\\.|sra\\.)' +
    // "Name: X" only as a field label, not "File name: Report".
    '|(?<![a-z][ _-]?)(?:(?:full|first|last|patient|customer|contact|sender|your)[ _-]?)?name ?[:=-])' +
    '\\s{1,3}$',
  'i',
);
const FOLLOWING_WORDS = new RegExp(`(?: ${NAME_WORD}){1,2}`, 'y');
const MAX_NAME = 3 * 26;

/** The name that starts at `start` with `first`: up to two more capitalised words, minus trailing non-names. */
function nameAt(text: string, start: number, first: string): string[] {
  const rest = matchAt(FOLLOWING_WORDS, text, start + first.length);
  const words = rest ? [first, ...rest[0].slice(1).split(' ')] : [first];
  while (words.length > 0 && NOT_SURNAMES.has(words[words.length - 1])) words.pop();
  return words;
}

/**
 * Anchored on capitalised words, the only place a name can start: a word is a name when a cue
 * word precedes it, or when it is a known first name followed by a capitalised surname.
 */
function detect(text: string, _profile: unknown, out: Finding[]): void {
  forEachMatch(CAPITALISED, text, (m) => {
    const first = m[0];
    if (NOT_SURNAMES.has(first)) return;
    const cue = CUE_BEFORE.test(text.slice(Math.max(0, m.index - CUE_LOOKBACK), m.index));
    if (!cue && !FIRST_NAMES.has(first)) return;
    const words = nameAt(text, m.index, first);
    if (words.length === 0 || (!cue && words.length < 2)) return;
    const end = m.index + words.join(' ').length;
    out.push(finding('PERSON', m.index, end, cue ? 0.85 : 0.7));
    // "Anna Maria Schmidt": the next candidate starts after the whole name.
    CAPITALISED.lastIndex = end;
  });
}

/** Letters (ASCII and Latin-1), apostrophes and hyphens: what a name word is made of. */
function isNameCharCode(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 192 && c <= 255 && c !== 215 && c !== 247) ||
    c === 39 ||
    c === 8217 ||
    c === 45
  );
}

const CAPITAL = /^[A-ZÀ-ÖØ-Þ]/;

/** Whether a complete capitalised word can begin a name: a known first name, or a cue before it. */
function startsName(text: string, start: number, word: string): boolean {
  if (NOT_SURNAMES.has(word)) return false;
  return FIRST_NAMES.has(word) || CUE_BEFORE.test(text.slice(Math.max(0, start - CUE_LOOKBACK), start));
}

/**
 * A name still arriving: among the last three words (a name has at most three), if they are
 * capitalised and separated by single spaces, the earliest that can begin a name, or the word the
 * text ends with (it may still grow). "my name is " holds nothing: the cue is left context.
 */
function pendingFrom(text: string): number {
  let pending = text.length;
  let end = text.length;
  for (let words = 0; words < 3; words++) {
    let start = end;
    while (start > 0 && end - start <= 25 && isNameCharCode(text.charCodeAt(start - 1))) start--;
    const word = text.slice(start, end);
    if (word.length === 0 && words > 0) break;
    if (word.length > 0) {
      if (!CAPITAL.test(word)) break;
      if (words === 0 || startsName(text, start, word)) pending = start;
    }
    if (start === 0 || text[start - 1] !== ' ') break;
    end = start - 1;
  }
  return pending;
}

export const personDetector: Detector = {
  name: 'person',
  types: ['PERSON'],
  window: CUE_LOOKBACK + MAX_NAME + 1,
  pendingFrom,
  detect,
};
