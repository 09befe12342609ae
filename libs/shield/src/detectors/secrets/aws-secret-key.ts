import { finding, type Finding } from '../../entities';
import { shannonEntropy } from '../../text/entropy';
import { forEachMatch, matchAt } from '../../text/match';
import { isAlnumCode } from '../../text/match';
import { trailingRun } from '../../text/tail';
import type { Detector } from '../detector';

const CUE = /(?<![a-z])aws|secret_?access_?key/gi;
const CUE_REACH = 48;
// After the cue: up to 48 characters of key name, quotes, '=' or ':', then the 40-character key.
const VALUE = /[^\n]{0,48}?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dy;
// Random base64 of 40 characters carries about 5 bits per character; words and repeats far less.
const MIN_ENTROPY = 4.2;

function detect(text: string, _profile: unknown, out: Finding[]): void {
  forEachMatch(CUE, text, (cue) => {
    const m = matchAt(VALUE, text, cue.index + cue[0].length);
    if (!m) return;
    const key = m[1];
    if (/EXAMPLE/i.test(key) || shannonEntropy(key) < MIN_ENTROPY) return;
    // Access key ids are uppercase base32; a secret key mixes cases.
    if (!/[a-z]/.test(key) || !/[A-Z]/.test(key)) return;
    const [start, end] = m.indices![1]!;
    out.push(finding('AWS_SECRET_KEY', start, end, 0.9));
    CUE.lastIndex = end;
  });
}

const WINDOW = 24 + CUE_REACH + 40 + 2;

export const awsSecretKeyDetector: Detector = {
  name: 'aws-secret-key',
  types: ['AWS_SECRET_KEY'],
  window: WINDOW,
  // The cue is left context; only a base64 run at the end can still become the key.
  pendingFrom: (text) => trailingRun(text, (c) => isAlnumCode(c) || c === 47 || c === 43 || c === 61, WINDOW),
  detect,
};
