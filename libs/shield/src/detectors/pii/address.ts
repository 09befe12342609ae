import { finding, type Finding } from '../../entities';
import { forEachMatch, matchAt } from '../../text/match';
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

export const addressDetector: Detector = {
  name: 'address',
  types: ['ADDRESS'],
  window: MAX_ADDRESS,
  detect,
};
