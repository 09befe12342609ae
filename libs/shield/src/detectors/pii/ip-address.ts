import { isIPv4, isIPv6 } from 'node:net';
import { finding, type Finding } from '../../entities';
import { forEachMatch, isAlnumCode, isWordCode } from '../../text/match';
import { trailingRun } from '../../text/tail';
import type { Detector, TextProfile } from '../detector';

const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g;
const VERSION_CUE = /\b(?:v|version|ver|release|build|rev|firmware|upgraded?|updated?)\b[^\n]{0,30}$/i;
const VERSION_LOOKBACK = 40;
const MAX_IPV6 = 45;

function detectIpv4(text: string, out: Finding[]): void {
  forEachMatch(IPV4, text, (m) => {
    if (!isIPv4(m[0])) return;
    if (VERSION_CUE.test(text.slice(Math.max(0, m.index - VERSION_LOOKBACK), m.index))) return;
    out.push(finding('IP_ADDRESS', m.index, m.index + m[0].length, 0.9));
  });
}

function isIpv6Code(c: number): boolean {
  // [0-9A-Fa-f:.]
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46;
}

/**
 * Anchored on colons: around each ':' the run of hex digits, colons and dots is read (bounded)
 * and validated by node:net, which implements the RFC 4291 text forms.
 */
function detectIpv6(text: string, out: Finding[]): void {
  let from = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', from)) {
    from = colon + 1;
    let start = colon;
    while (start > 0 && colon - start < MAX_IPV6 && isIpv6Code(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < text.length && end - start < MAX_IPV6 + 1 && isIpv6Code(text.charCodeAt(end))) end++;
    from = Math.max(from, end);
    if (end - start > MAX_IPV6 || isWordCode(text.charCodeAt(start - 1)) || isWordCode(text.charCodeAt(end)))
      continue;
    // A sentence may end right after the address.
    while (end > start && (text[end - 1] === '.' || (text[end - 1] === ':' && text[end - 2] !== ':'))) end--;
    const candidate = text.slice(start, end);
    let colons = 0;
    let hexDigits = 0;
    for (let i = 0; i < candidate.length; i++) {
      const c = candidate.charCodeAt(i);
      if (c === 58) colons++;
      else if (isAlnumCode(c)) hexDigits++;
    }
    // "::" alone, or "a::b"-like fragments of C++ and Rust paths, are not worth a finding.
    if (colons < 2 || hexDigits < 3 || !isIPv6(candidate)) continue;
    out.push(finding('IP_ADDRESS', start, end, 0.9));
  }
}

function detect(text: string, profile: TextProfile, out: Finding[]): void {
  if (profile.digits >= 4 && text.indexOf('.') >= 0) detectIpv4(text, out);
  detectIpv6(text, out);
}

export const ipAddressDetector: Detector = {
  name: 'ip-address',
  types: ['IP_ADDRESS'],
  window: VERSION_LOOKBACK + MAX_IPV6 + 2,
  // The version cue is left context; an address still arriving is the run of hex digits, '.' and ':'.
  pendingFrom: (text) => trailingRun(text, isIpv6Code, MAX_IPV6 + 2),
  detect,
};
