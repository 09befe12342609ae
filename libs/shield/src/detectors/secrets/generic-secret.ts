import { finding, type Finding } from '../../entities';
import { shannonEntropy } from '../../text/entropy';
import { forEachMatch, matchAt } from '../../text/match';
import { isPlaceholder } from '../../text/placeholders';
import { trailingRun } from '../../text/tail';
import type { Detector } from '../detector';

const MAX_NAME_BEFORE = 30;
const MAX_NAME_AFTER = 20;
/** Values are read up to this length; longer ones are cut, not missed. */
const MAX_VALUE = 4096;
/** A value is judged once this many characters of it are seen (the stream hold-back depends on it). */
const JUDGED_PREFIX = 160;

// A secret-bearing name ends in one of these (checked on the whole name, so "tokenizer",
// "api_key_id" and "author" are not secrets).
const KEYWORD =
  /passw(?:or)?d|pwd|passphrase|secret|token|credentials?|api[_.-]?key|apikey|(?:access|secret|private|auth|signing|encryption|master|client|app|service)[_.-]?key/gi;
const SECRET_NAME_END = /(?:passw(?:or)?d|pwd|passphrase|secret|token|credentials?|key)s?$/i;
const PASSWORD_NAME = /(?:passw(?:or)?d|pwd|passphrase)s?$/i;
// After the name: optional closing quote, an assignment operator, then the value's opening quote if any.
const ASSIGNMENT = /["']?[ \t]{0,3}(?::=|=>|:|=(?!=))[ \t]{0,3}(["'`]?)/y;
const AUTH_SCHEME = /(?<![A-Za-z])(?:bearer|basic)[ \t]{1,3}(?=[A-Za-z0-9._~+/-]{20})/gi;

function isBareValueCode(c: number): boolean {
  // Not whitespace, quotes, nor the punctuation that ends a value in code: , ; ) } ]
  return (
    c > 32 && c !== 34 && c !== 39 && c !== 96 && c !== 44 && c !== 59 && c !== 41 && c !== 125 && c !== 93
  );
}

/**
 * The value's span after the assignment, read up to `maxLength`. A quoted value ends at its closing
 * quote; one the text ends inside (a stream still arriving) runs to the end of the text.
 */
function readValue(
  text: string,
  from: number,
  quote: string,
  maxLength: number,
): { start: number; end: number } | null {
  const limit = Math.min(text.length, from + maxLength);
  let end = from;
  if (quote) {
    while (end < limit && text[end] !== quote && text[end] !== '\n') end++;
    if (end < limit && text[end] !== quote) return null;
  } else {
    while (end < limit && isBareValueCode(text.charCodeAt(end))) end++;
  }
  return end > from ? { start: from, end } : null;
}

function isNameCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45
  );
}

/** Code, not a value: a call, a member access, a type annotation, or a plain number. */
function looksLikeCode(value: string, quoted: boolean): boolean {
  if (value.includes('(')) return true;
  if (quoted) return false;
  return (
    /^[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}){1,8}$/.test(value) ||
    /^[A-Z][a-zA-Z]{1,63}$/.test(value)
  );
}

function passwordScore(value: string): number {
  if (value.length < 6 || shannonEntropy(value) < 2) return 0;
  return 0.8;
}

function keyScore(value: string): number {
  if (value.length < 16 || /\s/.test(value) || /^\d{16,160}$/.test(value)) return 0;
  return shannonEntropy(value) >= 3.2 ? 0.75 : 0;
}

function detectAssignments(text: string, out: Finding[]): void {
  forEachMatch(KEYWORD, text, (k) => {
    let nameStart = k.index;
    while (
      nameStart > 0 &&
      k.index - nameStart < MAX_NAME_BEFORE &&
      isNameCode(text.charCodeAt(nameStart - 1))
    )
      nameStart--;
    let nameEnd = k.index + k[0].length;
    while (
      nameEnd < text.length &&
      nameEnd - k.index - k[0].length < MAX_NAME_AFTER &&
      isNameCode(text.charCodeAt(nameEnd))
    )
      nameEnd++;
    const name = text.slice(nameStart, nameEnd);
    if (!SECRET_NAME_END.test(name)) return;
    const m = matchAt(ASSIGNMENT, text, nameEnd);
    if (!m) return;
    // Judge the first JUDGED_PREFIX characters; only an accepted value is read on to its end.
    const judged = readValue(text, nameEnd + m[0].length, m[1], JUDGED_PREFIX);
    if (!judged) return;
    const value = text.slice(judged.start, judged.end);
    if (isPlaceholder(value) || looksLikeCode(value, m[1] !== '')) return;
    const score = PASSWORD_NAME.test(name) ? passwordScore(value) : keyScore(value);
    if (score === 0) return;
    const span =
      judged.end - judged.start < JUDGED_PREFIX
        ? judged
        : (readValue(text, judged.start, m[1], MAX_VALUE) ?? judged);
    out.push(finding('GENERIC_SECRET', span.start, span.end, score));
    KEYWORD.lastIndex = span.end;
  });
}

function isTokenCode(c: number): boolean {
  // RFC 6750 b64token: ALPHA DIGIT - . _ ~ + / and trailing '='.
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 45 ||
    c === 46 ||
    c === 95 ||
    c === 126 ||
    c === 43 ||
    c === 47 ||
    c === 61
  );
}

function tokenRunEnd(text: string, from: number, maxLength: number): number {
  const limit = Math.min(text.length, from + maxLength);
  let end = from;
  while (end < limit && isTokenCode(text.charCodeAt(end))) end++;
  return end;
}

function detectAuthorizationHeaders(text: string, out: Finding[]): void {
  forEachMatch(AUTH_SCHEME, text, (m) => {
    const start = m.index + m[0].length;
    const judgedEnd = tokenRunEnd(text, start, JUDGED_PREFIX);
    const token = text.slice(start, judgedEnd);
    if (isPlaceholder(token) || shannonEntropy(token) < 3.5) return;
    const end = judgedEnd - start < JUDGED_PREFIX ? judgedEnd : tokenRunEnd(text, start, MAX_VALUE);
    out.push(finding('GENERIC_SECRET', start, end, 0.85));
    AUTH_SCHEME.lastIndex = end;
  });
}

function detect(text: string, _profile: unknown, out: Finding[]): void {
  detectAssignments(text, out);
  detectAuthorizationHeaders(text, out);
}

const WINDOW = MAX_NAME_BEFORE + 16 + MAX_NAME_AFTER + 10 + JUDGED_PREFIX + 2;
// A secret-bearing name and an assignment operator right before a value's opening quote.
const NAME_BEFORE_QUOTE =
  /(?:passw(?:or)?d|pwd|passphrase|secret|token|credentials?|key)s?["']?[ \t]{0,3}(?::=|=>|:|=)[ \t]{0,3}$/i;
const QUOTES = ['"', "'", '`'] as const;

/** Start of a quoted value after a secret's name that the text ends inside, not yet judged whole. */
function openQuotedValue(text: string): number {
  let earliest = text.length;
  for (const quote of QUOTES) {
    const q = text.lastIndexOf(quote);
    if (q < 0 || text.length - (q + 1) > JUDGED_PREFIX || text.indexOf('\n', q) >= 0) continue;
    if (NAME_BEFORE_QUOTE.test(text.slice(Math.max(0, q - 24), q))) earliest = Math.min(earliest, q + 1);
  }
  return earliest;
}

/**
 * Names and operators are left context (only values are reported). A value still arriving is a
 * bare run at the end (a bearer token too), or a quoted value after a secret's name that the text
 * ends inside: it may contain spaces, and is held until judged (JUDGED_PREFIX characters); an
 * accepted one is reported up to the text's end by the detector itself.
 */
function pendingFrom(text: string): number {
  return Math.min(trailingRun(text, isBareValueCode, WINDOW), openQuotedValue(text));
}

export const genericSecretDetector: Detector = {
  name: 'generic-secret',
  types: ['GENERIC_SECRET'],
  window: WINDOW,
  pendingFrom,
  detect,
};
