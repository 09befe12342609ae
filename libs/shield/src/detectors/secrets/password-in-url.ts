import { finding, type Finding } from '../../entities';
import { forEachMatch } from '../../text/match';
import { isPlaceholder } from '../../text/placeholders';
import { isNonSpaceCode, trailingRun } from '../../text/tail';
import type { Detector } from '../detector';

const MAX_SCHEME = 16;
const MAX_USER = 64;
const MAX_PASSWORD = 128;
// scheme://user:password@ — only the password is reported, so "postgres://app:[REDACTED]@db" stays readable.
// Connection strings often carry unescaped '#' and '?' in passwords: the password runs up to the '@'.
const USERINFO =
  /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/[^\s:/?#@"'<>]{0,64}:([^\s/@"'<>]{1,128})@/dg;

function detect(text: string, _profile: unknown, out: Finding[]): void {
  if (text.indexOf('://') < 0) return;
  forEachMatch(USERINFO, text, (m) => {
    const password = m[1];
    if (isPlaceholder(password)) return;
    const [start, end] = m.indices![1]!;
    out.push(finding('PASSWORD_IN_URL', start, end, 0.95));
  });
}

const WINDOW = MAX_SCHEME + 3 + MAX_USER + 1 + MAX_PASSWORD + 2;

/**
 * A password still arriving: the text ends in a URL whose user name is followed by ':' and no '@'
 * or '/' since (either ends the password). Only the password is reported, so it is held from the colon.
 */
function pendingFrom(text: string): number {
  const run = trailingRun(text, isNonSpaceCode, WINDOW);
  const scheme = text.indexOf('://', run);
  if (scheme < 0) return text.length;
  const colon = text.indexOf(':', scheme + 3);
  if (colon < 0) return text.length;
  for (let i = colon + 1; i < text.length; i++) if (text[i] === '@' || text[i] === '/') return text.length;
  return colon + 1;
}

export const passwordInUrlDetector: Detector = {
  name: 'password-in-url',
  types: ['PASSWORD_IN_URL'],
  window: WINDOW,
  pendingFrom,
  detect,
};
