import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import type { GatewayTool, ToolOutput, ToolSource } from './gateway-tool';
import type { PostgresToolSourceConfig } from './tools-config';

/**
 * Read-only SQL over a configured DSN: each query runs in its own `BEGIN READ ONLY` transaction
 * with a statement timeout and the allowed schemas as search_path, through a cursor so at most
 * `row_limit` rows come back, and by the extended protocol so a text holds one statement only.
 * Schema confinement is best effort: a statement naming another existing schema (`other.table`)
 * is refused, but functions reaching elsewhere are not; give the DSN a role with only the
 * grants it needs for a hard boundary.
 */
export class PostgresToolSource implements ToolSource {
  private readonly pool: Pool;
  private readonly list: GatewayTool[];

  constructor(private readonly config: PostgresToolSourceConfig) {
    this.name = config.name;
    this.pool = new Pool({ connectionString: config.dsn, max: 4 });
    // A dropped idle connection must not crash the gateway.
    this.pool.on('error', () => undefined);
    const base = { source: config.name, timeoutMs: config.timeoutMs };
    this.list = [
      {
        ...base,
        definition: {
          name: `${config.name}_query`,
          description: `Runs one read-only SQL query on the ${config.name} database (schemas: ${config.schemas.join(', ')}); returns at most ${config.rowLimit} rows as JSON.`,
          parameters: {
            type: 'object',
            properties: {
              sql: { type: 'string', description: 'One SELECT (or WITH ... SELECT) statement.' },
            },
            required: ['sql'],
          },
        },
        run: (args) => this.query(args.sql),
      },
      {
        ...base,
        definition: {
          name: `${config.name}_list_tables`,
          description: `Lists the tables and their columns in the ${config.name} database.`,
          parameters: { type: 'object', properties: {} },
        },
        run: () => this.listTables(),
      },
    ];
  }

  readonly name: string;

  async tools(): Promise<GatewayTool[]> {
    return this.list;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async query(sql: unknown): Promise<ToolOutput> {
    if (typeof sql !== 'string' || !sql.trim())
      return { content: 'error: `sql` must be a non-empty string', isError: true };
    const statement = sql.trim().replace(/;\s*$/, '');
    return this.readOnly(async (client) => {
      const foreign = await this.foreignSchemas(client, statement);
      if (foreign.length) {
        return {
          content: `error: schema ${foreign.join(', ')} is not allowed (allowed: ${this.config.schemas.join(', ')})`,
          isError: true,
        };
      }
      await client.query({
        text: `DECLARE verosek_rows NO SCROLL CURSOR FOR ${statement}`,
        queryMode: 'extended',
      } as never);
      const result = await client.query(`FETCH ${this.config.rowLimit + 1} FROM verosek_rows`);
      const truncated = result.rows.length > this.config.rowLimit;
      const rows = truncated ? result.rows.slice(0, this.config.rowLimit) : result.rows;
      return { content: JSON.stringify({ rows, row_count: rows.length, truncated }), isError: false };
    });
  }

  private listTables(): Promise<ToolOutput> {
    return this.readOnly(async (client) => {
      const { rows } = await client.query(
        `SELECT table_schema, table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS columns
           FROM information_schema.columns WHERE table_schema = ANY($1)
          GROUP BY table_schema, table_name ORDER BY table_schema, table_name`,
        [this.config.schemas],
      );
      return { content: JSON.stringify(rows), isError: false };
    });
  }

  private async readOnly(work: (client: PoolClient) => Promise<ToolOutput>): Promise<ToolOutput> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      return { content: `error: database unavailable: ${(err as Error).message}`, isError: true };
    }
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${this.config.statementTimeoutMs}`);
      await client.query(`SET LOCAL search_path = ${this.config.schemas.map(quoteIdent).join(', ')}`);
      return await work(client);
    } catch (err) {
      return { content: `error: ${(err as Error).message}`, isError: true };
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }

  /** Existing schemas outside the allow-list that the statement names as `schema.`. */
  private async foreignSchemas(client: PoolClient, statement: string): Promise<string[]> {
    const named = new Set<string>();
    const withoutStrings = statement.replace(/'(?:[^']|'')*'/g, "''");
    for (const m of withoutStrings.matchAll(
      /(?:"((?:[^"]|"")+)"|([a-zA-Z_][a-zA-Z0-9_$]*))\s*\.\s*(?=["a-zA-Z_*])/g,
    )) {
      named.add(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2].toLowerCase());
    }
    const candidates = [...named].filter((s) => !this.config.schemas.includes(s));
    if (!candidates.length) return [];
    const { rows } = await client.query<{ nspname: string }>(
      'SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)',
      [candidates],
    );
    return rows.map((r) => r.nspname);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
