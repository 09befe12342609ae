import { Histogram } from '../stats/histogram';
import { exportOf, loadLib } from './lib-loader';
import { rowOf, type MicroOptions, type MicroResult } from './micro-result';

interface CallBuilder {
  step(kind: string, fields: Record<string, unknown>): { end(fields: Record<string, unknown>): void };
  finish(fields: Record<string, unknown>): unknown[];
}
interface BuilderClass {
  start(init: Record<string, unknown>): CallBuilder;
}
interface Writer {
  insert(events: unknown[]): Promise<number>;
}
interface DataSourceLike {
  destroy(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const BATCH = 500;

/**
 * audit-service's sustained insert rate: batches of audit rows (a call and its attempt step, as the
 * gateway produces them) written by the same AuditWriter the consumer uses, into a real Postgres
 * (BENCH_DATABASE_URL, default the local `verosek_bench`, else `test`). Reported per row and as rows/s.
 */
export async function auditInsertMicro(options: MicroOptions): Promise<MicroResult> {
  const audit = loadLib('audit');
  const AuditCallBuilder = exportOf<BuilderClass>(audit, 'audit', 'AuditCallBuilder');
  const AuditWriter = exportOf<new (ds: DataSourceLike) => Writer>(audit, 'audit', 'AuditWriter');
  const openDataSource = exportOf<(o: unknown, r: unknown) => Promise<DataSourceLike>>(
    loadLib('persistence'),
    'persistence',
    'openDataSource',
  );
  const persistence = loadLib('persistence') as {
    dataSourceOptions(r: unknown): unknown;
    resolvePersistenceOptions(o: unknown): unknown;
  };
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const resolved = persistence.resolvePersistenceOptions({ databaseUrl: url });
  const dataSource = await openDataSource(persistence.dataSourceOptions(resolved), resolved);
  const writer = new AuditWriter(dataSource);
  const batches = options.quick ? 4 : 20;
  const perRowNs = new Histogram();
  const started = process.hrtime.bigint();
  let rows = 0;
  try {
    for (let b = 0; b < batches; b++) {
      const events: unknown[] = [];
      while (events.length < BATCH) {
        const call = AuditCallBuilder.start({
          requestId: `req_bench_insert_${b}_${events.length}`,
          keyId: 'BENCHKEY0001',
        });
        call.step('attempt', { deployment: 'fake-a', provider: 'openai' }).end({ status: 200 });
        events.push(...call.finish({ status: 200, input_tokens: 412, output_tokens: 64 }));
      }
      const t0 = process.hrtime.bigint();
      rows += await writer.insert(events);
      const perRow = Number(process.hrtime.bigint() - t0) / events.length;
      for (let i = 0; i < events.length; i++) perRowNs.record(perRow);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      name: 'audit insert',
      status: 'ok',
      rows: [rowOf(`per row, batches of ${BATCH}`, perRowNs)],
      notes: [
        `sustained ${Math.round(rows / seconds)} rows/s into ${new URL(url).pathname.slice(1)} (${rows} rows)`,
      ],
    };
  } finally {
    await dataSource.query(`DELETE FROM audit_events WHERE key_id = 'BENCHKEY0001'`).catch(() => undefined);
    await dataSource.destroy();
  }
}
