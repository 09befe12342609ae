import type { CellOutcome, CellResult } from './matrix-cells';

export const GENERATE_COMMAND =
  'npx jest test/matrix && npx swc scripts/compatibility -d dist --config-file .swcrc -q && node dist/scripts/compatibility/generate.js';

const SYMBOL: Record<CellOutcome, string> = { pass: '✅', refused: '⛔', 'not-expressible': '—', fail: '❌' };
const SDK_ORDER = ['openai', 'anthropic', 'gemini'];
const PROVIDER_ORDER = ['openai', 'anthropic', 'gemini'];

interface Column {
  sdk: string;
  sdkLabel: string;
  provider: string;
}

const byOrder = (order: string[]) => (a: string, b: string) => order.indexOf(a) - order.indexOf(b);

function columnsOf(cells: CellResult[]): Column[] {
  const labels = new Map(cells.map((c) => [c.sdk, c.sdkLabel]));
  const sdks = [...labels.keys()].sort(byOrder(SDK_ORDER));
  const providers = [...new Set(cells.map((c) => c.provider))].sort(byOrder(PROVIDER_ORDER));
  return sdks.flatMap((sdk) => providers.map((provider) => ({ sdk, sdkLabel: labels.get(sdk)!, provider })));
}

/** One cell of the table: its plain and streamed outcomes, merged when they agree. */
function cellText(cells: CellResult[]): string {
  if (cells.length === 0) return '?';
  const part = (cell: CellResult) => {
    if (cell.outcome === 'refused' && cell.detail) return `${SYMBOL.refused} \`${cell.detail}\``;
    if (cell.outcome === 'pass' && cell.detail) return `${SYMBOL.pass} ${cell.detail}`;
    return SYMBOL[cell.outcome];
  };
  const parts = cells.map(part);
  if (parts.every((p) => p === parts[0])) return parts[0];
  return cells.map((cell, i) => `${cell.mode} ${parts[i]}`).join('<br>');
}

function table(cells: CellResult[], columns: Column[]): string[] {
  const ranked = [...cells].sort((a, b) => a.rank - b.rank);
  const rows = [...new Map(ranked.map((c) => [c.row, c.rowTitle]))];
  const header = `| | ${columns.map((c) => `${c.sdkLabel} → ${c.provider}`).join(' | ')} |`;
  const rule = `|---|${columns.map(() => ':---:').join('|')}|`;
  const lines = rows.map(([row, title]) => {
    const texts = columns.map((col) =>
      cellText(cells.filter((c) => c.row === row && c.sdk === col.sdk && c.provider === col.provider)),
    );
    return `| ${title} | ${texts.join(' | ')} |`;
  });
  return [header, rule, ...lines];
}

function failures(cells: CellResult[]): string[] {
  const failed = cells.filter((c) => c.outcome === 'fail');
  if (failed.length === 0) return ['None: every tested cell passed.'];
  return failed.map(
    (c) => `- ${c.sdkLabel} → ${c.provider}, ${c.row} (${c.mode}): ${(c.detail ?? '').replace(/\|/g, '\\|')}`,
  );
}

/** docs/compatibility.md from the cells of every SDK file. */
export function renderCompatibility(cells: CellResult[]): string {
  const columns = columnsOf(cells);
  const section = (name: CellResult['section']) => cells.filter((c) => c.section === name);
  const count = (outcome: CellOutcome) => cells.filter((c) => c.outcome === outcome).length;
  return [
    '# Compatibility matrix',
    '',
    '<!-- GENERATED: do not edit by hand. -->',
    `Generated from the results of the matrix tests (\`test/matrix/*.int-spec.ts\`): \`${GENERATE_COMMAND}\``,
    '',
    'Each column is an official SDK talking to the gateway, routed to a (faked) provider. A cell is',
    'tested plain and streamed; where the two differ both are shown. Every passing cell checked the',
    'exact text, tool calls, stop reason and usage the fake produced, that the fake found the translated',
    "request valid against the provider's official spec with the feature's fields in place, and that",
    "the gateway's own answer validates against the caller's spec.",
    '',
    `Legend: ${SYMBOL.pass} works · ${SYMBOL.refused} \`field\` refused with a 400 naming the field (the provider cannot`,
    `carry it; rules in \`libs/protocol/README.md\`) · ${SYMBOL['not-expressible']} the SDK cannot ask for it · ${SYMBOL.fail} fails (see below)`,
    `· ? not run. Totals: ${count('pass')} pass, ${count('refused')} refused, ${count('not-expressible')} not expressible, ${count('fail')} fail.`,
    '',
    '## Features',
    '',
    ...table(section('features'), columns),
    '',
    '## Errors',
    '',
    'Each cell shows the HTTP status the SDK raised its typed error with. Upstream 401/403 become 502',
    "`upstream_auth_failed` by design (the gateway's credentials are its own problem, not the caller's);",
    "a 529 is 503 where the caller's format has no 529. A group with one deployment is tried once.",
    '',
    ...table(section('errors'), columns),
    '',
    '## Failing cells',
    '',
    ...failures(cells),
    '',
  ].join('\n');
}
