import { finding, type EntityType, type Finding } from '../../entities';
import { base62Crc32Valid } from '../../text/checksums';
import { shannonEntropy } from '../../text/entropy';
import { forEachMatch, isAlnumCode } from '../../text/match';
import { trailingRun } from '../../text/tail';
import type { Detector } from '../detector';

/**
 * A provider's token format: a literal keyword that must occur in the text (cheap prefilter), the
 * full pattern, and a check beyond the pattern where the format allows one. `check` returns the
 * finding's score, or 0 to reject the match.
 */
interface TokenRule {
  type: EntityType;
  keywords: readonly string[];
  pattern: RegExp;
  maxLength: number;
  check: (token: string) => number;
}

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';
const rule = (
  type: EntityType,
  keywords: string[],
  body: string,
  maxLength: number,
  check: TokenRule['check'],
): TokenRule => ({
  type,
  keywords,
  pattern: new RegExp(`${B}${body}${E}`, 'g'),
  maxLength,
  check,
});

/** Random tokens have high entropy; "AKIAAAAAAAAAAAAAAAAA" and "sk_test_xxxxxxxx..." do not. */
const randomEnough = (minBits: number, score: number) => (token: string) =>
  !/example/i.test(token) && shannonEntropy(token) >= minBits ? score : 0;

/** GitHub classic tokens and npm tokens: prefix + 30 random base62 + CRC32 of those 30 in base62. */
const crc32Checked = (prefixLength: number) => (token: string) =>
  base62Crc32Valid(token.slice(prefixLength, -6), token.slice(-6)) ? 0.99 : 0;

const AWS_KEY_ID_PREFIXES = [
  'AKIA',
  'ASIA',
  'ABIA',
  'ACCA',
  'AGPA',
  'AIDA',
  'AIPA',
  'ANPA',
  'ANVA',
  'APKA',
  'AROA',
  'ASCA',
];

export const TOKEN_RULES: readonly TokenRule[] = [
  // AWS access key ids: a 4-letter resource prefix and 16 base32 characters.
  rule(
    'AWS_ACCESS_KEY',
    AWS_KEY_ID_PREFIXES,
    `(?:${AWS_KEY_ID_PREFIXES.join('|')})[A-Z2-7]{16}`,
    20,
    randomEnough(3, 0.95),
  ),
  rule(
    'GITHUB_TOKEN',
    ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    'gh[pousr]_[A-Za-z0-9]{36}',
    40,
    crc32Checked(4),
  ),
  // Fine-grained PATs publish no checksum: length, charset and entropy only.
  rule(
    'GITHUB_TOKEN',
    ['github_pat_'],
    'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}',
    93,
    randomEnough(4, 0.97),
  ),
  rule(
    'GITLAB_TOKEN',
    ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glsoat-'],
    'gl(?:pat|dt|rt|ptt|soat)-[A-Za-z0-9_.-]{20,64}',
    72,
    randomEnough(3.5, 0.95),
  ),
  // Bot, user, app, refresh and legacy tokens: "xoxb-<team>-<bot>-<secret>", "xapp-1-<app>-<n>-<hex>".
  rule(
    'SLACK_TOKEN',
    ['xox', 'xapp-'],
    '(?:xox[abposre]|xapp)-(?:[0-9A-Za-z]{1,40}-){1,4}[0-9A-Za-z]{16,64}',
    200,
    randomEnough(3, 0.95),
  ),
  rule(
    'SLACK_WEBHOOK',
    ['hooks.slack.com'],
    'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,14}/[A-Za-z0-9]{6,14}/[A-Za-z0-9]{16,40}',
    120,
    () => 0.99,
  ),
  rule(
    'STRIPE_KEY',
    ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'],
    '[sr]k_(?:live|test)_[0-9A-Za-z]{20,110}',
    118,
    randomEnough(3.5, 0.97),
  ),
  rule('GOOGLE_API_KEY', ['AIza'], 'AIza[0-9A-Za-z_-]{35}', 39, randomEnough(3.5, 0.97)),
  // Both legacy "sk-" and project/service-account keys carry "T3BlbkFJ" (base64 of "OpenAI") mid-token.
  rule(
    'OPENAI_API_KEY',
    ['T3BlbkFJ'],
    'sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80}',
    180,
    () => 0.99,
  ),
  rule(
    'OPENAI_API_KEY',
    ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,170}',
    180,
    randomEnough(4, 0.9),
  ),
  rule('ANTHROPIC_API_KEY', ['sk-ant-'], 'sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{93}AA', 110, () => 0.99),
  rule('NPM_TOKEN', ['npm_'], 'npm_[A-Za-z0-9]{36}', 40, crc32Checked(4)),
  rule(
    'SENDGRID_API_KEY',
    ['SG.'],
    'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
    69,
    randomEnough(3.5, 0.98),
  ),
  rule('TWILIO_API_KEY', ['SK'], 'SK[0-9a-f]{32}', 34, randomEnough(3, 0.9)),
  rule('HUGGINGFACE_TOKEN', ['hf_', 'api_org_'], '(?:hf_|api_org_)[A-Za-z]{34}', 42, randomEnough(3.5, 0.97)),
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every rule's keywords in one pattern: one pass over the text tells which rules can match at all. */
const ANY_KEYWORD = new RegExp(
  [...new Set(TOKEN_RULES.flatMap((r) => r.keywords))]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|'),
  'g',
);
const RULES_BY_KEYWORD = new Map<string, TokenRule[]>();
for (const r of TOKEN_RULES)
  for (const k of r.keywords) RULES_BY_KEYWORD.set(k, [...(RULES_BY_KEYWORD.get(k) ?? []), r]);

function rulesWithKeywordsIn(text: string): Set<TokenRule> {
  const rules = new Set<TokenRule>();
  forEachMatch(ANY_KEYWORD, text, (m) => {
    for (const r of RULES_BY_KEYWORD.get(m[0])!) rules.add(r);
  });
  return rules;
}

function detect(text: string, _profile: unknown, out: Finding[]): void {
  for (const r of rulesWithKeywordsIn(text)) {
    forEachMatch(r.pattern, text, (m) => {
      const score = r.check(m[0]);
      if (score > 0) out.push(finding(r.type, m.index, m.index + m[0].length, score));
    });
  }
}

/** Characters of any token above, the Slack webhook URL's included: [A-Za-z0-9_.:/-] */
function isTokenRunCode(c: number): boolean {
  return isAlnumCode(c) || c === 95 || c === 45 || c === 46 || c === 58 || c === 47;
}

const WINDOW = Math.max(...TOKEN_RULES.map((r) => r.maxLength)) + 2;

export const providerTokenDetector: Detector = {
  name: 'provider-tokens',
  types: [...new Set(TOKEN_RULES.map((r) => r.type))],
  window: WINDOW,
  // A token still arriving is the run of token characters the text ends with.
  pendingFrom: (text) => trailingRun(text, isTokenRunCode, WINDOW),
  detect,
};
