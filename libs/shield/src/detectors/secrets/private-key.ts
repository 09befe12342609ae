import { finding, type Finding } from '../../entities';
import { forEachMatch } from '../../text/match';
import { partialLiteralAtEnd } from '../../text/tail';
import type { Detector } from '../detector';

const HEADER = /-----BEGIN ((?:[A-Z0-9]{1,10} ){0,3})PRIVATE KEY(?: BLOCK)?-----/g;
/** The longest block reported; an RSA 8192-bit key in PEM is about 6.5 KB. */
export const MAX_PRIVATE_KEY_BLOCK = 16 * 1024;
const HEADER_MAX = 64;

function isBodyCode(c: number): boolean {
  // base64, whitespace, and the "Proc-Type: 4,ENCRYPTED" / "DEK-Info: ..." header lines.
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 43 ||
    c === 47 ||
    c === 61 ||
    c === 10 ||
    c === 13 ||
    c === 32 ||
    c === 9 ||
    c === 58 ||
    c === 44 ||
    c === 45
  );
}

/**
 * Where the block that starts after its header ends: after the matching END line, or, when the text
 * stops before it (a truncated paste, a stream still arriving), at the end of the base64 body.
 */
function blockEnd(text: string, bodyStart: number, endMarker: number): number {
  const limit = Math.min(text.length, bodyStart + MAX_PRIVATE_KEY_BLOCK);
  if (endMarker >= 0 && endMarker < limit) {
    const close = text.indexOf('-----', endMarker + 9);
    return close >= 0 && close - endMarker < HEADER_MAX
      ? close + 5
      : Math.min(text.length, endMarker + HEADER_MAX);
  }
  let i = bodyStart;
  while (i < limit && isBodyCode(text.charCodeAt(i))) i++;
  return i;
}

function detect(text: string, _profile: unknown, out: Finding[]): void {
  if (text.indexOf('-----BEGIN ') < 0) return;
  // The next END marker, searched again only once a block starts past it: linear in the text.
  let endMarker = -2;
  forEachMatch(HEADER, text, (m) => {
    const bodyStart = m.index + m[0].length;
    if (endMarker !== -1 && endMarker < bodyStart) endMarker = text.indexOf('-----END ', bodyStart);
    const end = blockEnd(text, bodyStart, endMarker);
    out.push(finding('PRIVATE_KEY', m.index, end, 0.99));
    HEADER.lastIndex = end;
  });
}

const BEGIN = '-----BEGIN ';

/**
 * A header still arriving: a "-----BEGIN " whose closing "-----" has not come (within a header's
 * length of the end), or a prefix of "-----BEGIN " at the very end. A complete header is a match
 * the detector reports up to the end of the text, so the stream holds it from there.
 */
function pendingFrom(text: string): number {
  for (
    let b = text.indexOf(BEGIN, Math.max(0, text.length - HEADER_MAX - 2));
    b >= 0;
    b = text.indexOf(BEGIN, b + 1)
  ) {
    if (text.indexOf('-----', b + BEGIN.length) < 0) return b;
  }
  return partialLiteralAtEnd(text, BEGIN);
}

export const privateKeyDetector: Detector = {
  name: 'private-key',
  types: ['PRIVATE_KEY'],
  // Only the header must be seen whole: an unterminated block is reported up to the end of the text.
  window: HEADER_MAX + 2,
  pendingFrom,
  detect,
};
