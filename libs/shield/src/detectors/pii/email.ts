import { finding, type Finding } from '../../entities';
import { isAlnumCode } from '../../text/match';
import { trailingRun } from '../../text/tail';
import type { Detector } from '../detector';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 128;
const TLD = /^(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,20})$/;
// File names such as "logo@2x.png" look like addresses; these extensions are not top-level domains.
const FILE_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'pdf',
  'txt',
  'json',
  'yaml',
  'yml',
  'css',
  'html',
  'exe',
]);

/** [A-Za-z0-9_.%+-] */
function isLocalCode(c: number): boolean {
  return isAlnumCode(c) || c === 95 || c === 46 || c === 37 || c === 43 || c === 45;
}

/** [A-Za-z0-9.-] */
function isDomainCode(c: number): boolean {
  return isAlnumCode(c) || c === 46 || c === 45;
}

function validLocal(local: string): boolean {
  return local[0] !== '.' && local[local.length - 1] !== '.' && !local.includes('..');
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) return false;
    if (label[0] === '-' || label[label.length - 1] === '-') return false;
  }
  const tld = labels[labels.length - 1];
  return TLD.test(tld) && !FILE_EXTENSIONS.has(tld.toLowerCase());
}

/**
 * Anchored on each '@': the local part is read backwards and the domain forwards, each bounded,
 * so the scan is linear and touches only the text around the '@' signs.
 */
function detect(text: string, _profile: unknown, out: Finding[]): void {
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', from)) {
    from = at + 1;
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL + 1 && isLocalCode(text.charCodeAt(start - 1))) start--;
    if (start === at || at - start > MAX_LOCAL) continue;
    // "https://user@host/" carries a user name, not an address.
    if (text.startsWith('://', start - 3)) continue;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainCode(text.charCodeAt(end))) end++;
    if (end - at > MAX_DOMAIN || text[end] === '@' || text[end] === '_') continue;
    // A sentence may end right after the address: "write to a@b.com."
    while (end > at + 1 && !isAlnumCode(text.charCodeAt(end - 1))) end--;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (validLocal(local) && validDomain(domain)) {
      out.push(finding('EMAIL', start, end, 0.95));
      from = end;
    }
  }
}

const WINDOW = MAX_LOCAL + 1 + MAX_DOMAIN + 2;

export const emailDetector: Detector = {
  name: 'email',
  types: ['EMAIL'],
  window: WINDOW,
  // Any word at the end may be a local part whose '@' has not come yet, or a domain still growing.
  pendingFrom: (text) => trailingRun(text, (c) => isLocalCode(c) || c === 64, WINDOW),
  detect,
};
