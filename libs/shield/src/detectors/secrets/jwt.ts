import { finding, type Finding } from '../../entities';
import { trailingRun } from '../../text/tail';
import type { Detector } from '../detector';

const MAX_PART = 8 * 1024;

function isBase64UrlCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
}

function runEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_PART);
  let i = from;
  while (i < limit && isBase64UrlCode(text.charCodeAt(i))) i++;
  return i;
}

function decodesToJsonObject(part: string, mustHave?: string): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    return mustHave === undefined || typeof (value as Record<string, unknown>)[mustHave] === 'string';
  } catch {
    return false;
  }
}

/**
 * header.payload.signature, each base64url; the header must decode to a JSON object with "alg", a
 * complete payload to a JSON object. A token the text ends inside (a stream still arriving) is
 * reported from its header on, so a stream holds it back until it is complete.
 */
function detect(text: string, _profile: unknown, out: Finding[]): void {
  let from = 0;
  for (let start = text.indexOf('eyJ', from); start >= 0; start = text.indexOf('eyJ', from)) {
    from = start + 3;
    if (start > 0 && (isBase64UrlCode(text.charCodeAt(start - 1)) || text[start - 1] === '.')) continue;
    const headerEnd = runEnd(text, start);
    if (text[headerEnd] !== '.' || headerEnd - start < 10) continue;
    if (!decodesToJsonObject(text.slice(start, headerEnd), 'alg')) continue;
    const payloadEnd = runEnd(text, headerEnd + 1);
    if (payloadEnd === text.length) {
      out.push(finding('JWT', start, payloadEnd, 0.8));
      break;
    }
    if (text[payloadEnd] !== '.' || !decodesToJsonObject(text.slice(headerEnd + 1, payloadEnd))) continue;
    const end = runEnd(text, payloadEnd + 1);
    out.push(finding('JWT', start, end, 0.97));
    from = end;
  }
}

export const jwtDetector: Detector = {
  name: 'jwt',
  types: ['JWT'],
  // A header such as {"alg":"RS256","typ":"JWT","kid":"..."} stays well under this.
  window: 200,
  // Until its header is complete; from then on the detector reports the token up to the text's end.
  pendingFrom: (text) => trailingRun(text, (c) => isBase64UrlCode(c) || c === 46, 200),
  detect,
};
