import { finding, type Finding } from '../../entities';
import { forEachMatch, isAlnumCode, isDigitCode, matchAt } from '../../text/match';
import type { Detector, TextProfile } from '../detector';

const WORD = "[A-Z][A-Za-z'.-]{1,20}";
const US_UK_SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|Close|' +
  'Crescent|Cres|Parkway|Pkwy|Highway|Hwy|Square|Sq|Circle|Cir|Trail|Trl|Row|Gardens|Grove|Mews|Walk|Hill';
// "1600 Pennsylvania Avenue", "221B Baker Street", "10 Downing St."
const US_UK = new RegExp(
  `(?<![\\w])\\d{1,5}[A-Za-z]? (?:(?:${WORD}|\\d{1,3}(?:st|nd|rd|th)) ){1,4}?(?:${US_UK_SUFFIX})\\b\\.?(?: (?:N|S|E|W|NE|NW|SE|SW)\\b)?`,
  'g',
);
// ", Apt 4B, Springfield, IL 62704" / ", London NW1 6XE": a US ZIP or a UK postcode right after the street.
const US_UK_TAIL = new RegExp(
  `(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\\.? ?[A-Za-z0-9-]{1,6})?(?:,? ${WORD}(?: ${WORD}){0,2})?,? ` +
    '(?:(?:[A-Z]{2} )?\\d{5}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})(?![\\w])',
  'y',
);
// "Hauptstraße 5", "Musterstr. 12a", then optionally ", 10115 Berlin". Anchored on the street-type
// ending and the house number; the street name's start is found by walking back over its letters.
const DE_ENDING = /(?:straße|strasse|str\.|weg|platz|allee|gasse|damm|ring) ?\d{1,4}[a-z]?(?![\w])/g;
const MAX_DE_NAME = 40;
// "12 rue de la Paix", "5 bis, avenue Victor Hugo", then optionally ", 75002 Paris".
const FR = new RegExp(
  '(?<![\\w])\\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|av\\.|boulevard|bd|place|chemin|allée|impasse|quai|route) ' +
    "(?:de la |de l'|du |des |de |d')?[A-ZÀ-Ý][\\wÀ-ÿ'-]{1,25}(?: [A-ZÀ-Ý][\\wÀ-ÿ'-]{1,25}){0,2}",
  'g',
);
const POSTCODE_CITY_TAIL = new RegExp(`,? \\d{5} ${WORD}(?![\\w])`, 'y');
const MAX_ADDRESS = 160;

function detectWithTail(pattern: RegExp, tail: RegExp, text: string, out: Finding[]): void {
  forEachMatch(pattern, text, (m) => {
    const end = m.index + m[0].length;
    const rest = matchAt(tail, text, end);
    if (rest) out.push(finding('ADDRESS', m.index, end + rest[0].length, 0.9));
    else out.push(finding('ADDRESS', m.index, end, 0.7));
  });
}

function isNameLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || 'äöüßÄÖÜ-'.includes(c);
}

function detectGerman(text: string, out: Finding[]): void {
  forEachMatch(DE_ENDING, text, (m) => {
    let start = m.index;
    while (start > 0 && m.index - start < MAX_DE_NAME && isNameLetter(text[start - 1])) start--;
    const initial = text[start];
    if (!(initial >= 'A' && initial <= 'Z') && !'ÄÖÜ'.includes(initial)) return;
    const end = m.index + m[0].length;
    const rest = matchAt(POSTCODE_CITY_TAIL, text, end);
    out.push(finding('ADDRESS', start, rest ? end + rest[0].length : end, rest ? 0.9 : 0.75));
  });
}

function detect(text: string, profile: TextProfile, out: Finding[]): void {
  if (profile.digits < 1) return;
  detectWithTail(US_UK, US_UK_TAIL, text, out);
  detectGerman(text, out);
  detectWithTail(FR, POSTCODE_CITY_TAIL, text, out);
}

/** The lower-case words a (French) street line contains; every other word of an address is capitalised or a number. */
const LOWER_WORDS = [
  'rue',
  'avenue',
  'av.',
  'boulevard',
  'bd',
  'place',
  'chemin',
  'allée',
  'impasse',
  'quai',
  'route',
  'de',
  'la',
  'du',
  'des',
  'bis',
  'ter',
];
const LOWER_WORD_SET = new Set(LOWER_WORDS);
// A German street name (maybe still arriving), or a complete one with its house number still arriving.
const GERMAN_STREET_AT_END =
  /(?<![A-Za-zäöüßÄÖÜ-])[A-ZÄÖÜ][A-Za-zäöüßÄÖÜ.-]{0,45}(?:(?<=straße|strasse|str\.|weg|platz|allee|gasse|damm|ring) \d{0,4}[a-z]?)?$/;

/** Letters, digits and the punctuation inside address words: [\p{L}0-9.'#-] (Latin-1 letters). */
function isAddressWordCode(c: number): boolean {
  return (
    isAlnumCode(c) ||
    (c >= 192 && c <= 255 && c !== 215 && c !== 247) ||
    c === 46 ||
    c === 39 ||
    c === 35 ||
    c === 45
  );
}

/** Could `word` be part of an address: a number, a capitalised word, or a French street word (a prefix of one at the end). */
function addressWord(word: string, atEnd: boolean): boolean {
  if (word.length === 0) return atEnd;
  const first = word[0];
  if ((first >= '0' && first <= '9') || first === '#' || first !== first.toLowerCase()) return true;
  if (LOWER_WORD_SET.has(word) || /^[ld]['’]/.test(word)) return true;
  return atEnd && LOWER_WORDS.some((w) => w.startsWith(word));
}

/**
 * US/UK and French addresses start with a house number: hold from the earliest number in the run
 * of address words (separated by a space or a comma) that the text ends with, within an address's
 * length. German ones start with the street name: hold a capitalised word the text ends with, or a
 * street name whose house number is still arriving.
 */
function pendingFrom(text: string): number {
  const limit = Math.max(0, text.length - MAX_ADDRESS);
  let pending = text.length;
  let end = text.length;
  while (end > limit) {
    let start = end;
    while (start > limit && isAddressWordCode(text.charCodeAt(start - 1))) start--;
    const word = text.slice(start, end);
    if (!addressWord(word, end === text.length)) break;
    if (isDigitCode(word.charCodeAt(0))) pending = start;
    let separator = start;
    if (separator > 0 && text[separator - 1] === ' ') separator--;
    if (separator > 0 && text[separator - 1] === ',') separator--;
    if (separator === start) break;
    end = separator;
  }
  const german = GERMAN_STREET_AT_END.exec(text.slice(-(MAX_DE_NAME + 8)));
  return german ? Math.min(pending, text.length - german[0].length) : pending;
}

export const addressDetector: Detector = {
  name: 'address',
  types: ['ADDRESS'],
  window: MAX_ADDRESS,
  pendingFrom,
  detect,
};
