import type { VerosekConfig } from '@verosek/config';
import { ConfigError } from '@verosek/config';

const NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/;
const DEFAULT_TOOL_TIMEOUT_MS = 30_000;

export interface PostgresToolSourceConfig {
  name: string;
  type: 'postgres';
  dsn: string;
  /** Schemas the SQL may read; the first is the search_path default. */
  schemas: string[];
  rowLimit: number;
  statementTimeoutMs: number;
  timeoutMs: number;
}

export interface McpToolSourceConfig {
  name: string;
  type: 'mcp';
  /** Streamable HTTP endpoint; or `command` (+ `args`, `env`) for a stdio server. */
  url?: string;
  command?: string;
  args: string[];
  env?: Record<string, string>;
  timeoutMs: number;
}

export type ToolSourceConfig = PostgresToolSourceConfig | McpToolSourceConfig;

export interface ToolsConfig {
  sources: ToolSourceConfig[];
  /** Tool rounds a call may run before the loop gives up. */
  maxDepth: number;
  /** Wall time for all internal turns and tool runs of one call. */
  totalTimeoutMs: number;
}

/**
 * The `tools:` section: either a list of sources, or `{ max_depth, total_timeout_ms, sources: [...] }`.
 * Also checks that every `models[].tools` entry names a source.
 */
export function parseToolsConfig(config: VerosekConfig): ToolsConfig {
  const fail = (field: string, problem: string): never => {
    throw new ConfigError(config.source, field, problem);
  };
  const raw = config.tools ?? [];
  let list: unknown = raw;
  let prefix = 'tools';
  let maxDepth = 10;
  let totalTimeoutMs = 120_000;
  if (!Array.isArray(raw)) {
    if (typeof raw !== 'object' || raw === null)
      fail('tools', 'must be a list of tool sources or a mapping with `sources`');
    const section = raw as Record<string, unknown>;
    rejectUnknown(section, ['sources', 'max_depth', 'total_timeout_ms'], 'tools', fail);
    maxDepth = positiveInt(section.max_depth, maxDepth, 'tools.max_depth', fail);
    totalTimeoutMs = positiveInt(section.total_timeout_ms, totalTimeoutMs, 'tools.total_timeout_ms', fail);
    list = section.sources ?? [];
    prefix = 'tools.sources';
    if (!Array.isArray(list)) fail(prefix, 'must be a list');
  }

  const sources = (list as unknown[]).map((entry, i) => parseSource(entry, `${prefix}[${i}]`, fail));
  const names = new Set<string>();
  sources.forEach((s, i) => {
    if (names.has(s.name)) fail(`${prefix}[${i}].name`, `'${s.name}' is defined twice`);
    names.add(s.name);
  });
  config.models.forEach((group, i) =>
    group.tools.forEach((tool, j) => {
      if (!names.has(tool))
        fail(`models[${i}].tools[${j}]`, `names no tool source ('${tool}'); define it under tools:`);
    }),
  );
  return { sources, maxDepth, totalTimeoutMs };
}

type Fail = (field: string, problem: string) => never;

function parseSource(entry: unknown, at: string, fail: Fail): ToolSourceConfig {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(at, 'must be a mapping');
  const e = entry as Record<string, unknown>;
  const name = e.name;
  if (typeof name !== 'string' || !NAME.test(name))
    fail(`${at}.name`, 'must be a name of letters, digits, _ or - (max 40), starting with a letter');
  const timeoutMs = positiveInt(e.timeout_ms, DEFAULT_TOOL_TIMEOUT_MS, `${at}.timeout_ms`, fail);
  switch (e.type) {
    case 'postgres': {
      rejectUnknown(
        e,
        ['name', 'type', 'dsn', 'schemas', 'row_limit', 'statement_timeout_ms', 'timeout_ms'],
        at,
        fail,
      );
      if (typeof e.dsn !== 'string' || !e.dsn) fail(`${at}.dsn`, 'must be a postgres:// connection string');
      const schemas = e.schemas ?? ['public'];
      if (!Array.isArray(schemas) || !schemas.length || schemas.some((s) => typeof s !== 'string' || !s)) {
        fail(`${at}.schemas`, 'must be a non-empty list of schema names');
      }
      return {
        name: name as string,
        type: 'postgres',
        dsn: e.dsn as string,
        schemas: schemas as string[],
        rowLimit: positiveInt(e.row_limit, 100, `${at}.row_limit`, fail),
        statementTimeoutMs: positiveInt(e.statement_timeout_ms, 5_000, `${at}.statement_timeout_ms`, fail),
        timeoutMs,
      };
    }
    case 'mcp': {
      rejectUnknown(e, ['name', 'type', 'url', 'command', 'args', 'env', 'timeout_ms'], at, fail);
      if ((e.url === undefined) === (e.command === undefined))
        fail(at, 'needs exactly one of `url` (streamable HTTP) or `command` (stdio)');
      if (e.url !== undefined && (typeof e.url !== 'string' || !/^https?:\/\//.test(e.url)))
        fail(`${at}.url`, 'must be an http(s) URL');
      if (e.command !== undefined && (typeof e.command !== 'string' || !e.command))
        fail(`${at}.command`, 'must be a command');
      const args = e.args ?? [];
      if (!Array.isArray(args) || args.some((a) => typeof a !== 'string'))
        fail(`${at}.args`, 'must be a list of strings');
      if (
        e.env !== undefined &&
        (typeof e.env !== 'object' ||
          e.env === null ||
          Object.values(e.env).some((v) => typeof v !== 'string'))
      ) {
        fail(`${at}.env`, 'must be a mapping of strings');
      }
      return {
        name: name as string,
        type: 'mcp',
        url: e.url as string | undefined,
        command: e.command as string | undefined,
        args: args as string[],
        env: e.env as Record<string, string> | undefined,
        timeoutMs,
      };
    }
    default:
      return fail(`${at}.type`, `must be 'postgres' or 'mcp', got ${JSON.stringify(e.type)}`);
  }
}

function positiveInt(value: unknown, fallback: number, field: string, fail: Fail): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    fail(field, 'must be a positive integer');
  return value as number;
}

function rejectUnknown(entry: Record<string, unknown>, known: string[], at: string, fail: Fail): void {
  for (const key of Object.keys(entry))
    if (!known.includes(key)) fail(`${at}.${key}`, 'is not a known field');
}
