import { finding, type Finding } from '../../entities';
import { forEachMatch } from '../../text/match';
import { isPlaceholder } from '../../text/placeholders';
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

export const passwordInUrlDetector: Detector = {
  name: 'password-in-url',
  types: ['PASSWORD_IN_URL'],
  window: MAX_SCHEME + 3 + MAX_USER + 1 + MAX_PASSWORD + 2,
  detect,
};
