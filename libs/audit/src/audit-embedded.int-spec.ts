import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { parseConfig, readEnv, VerosekConfigModule } from '@verosek/config';
import { IN_MEMORY, PersistenceModule } from '@verosek/persistence';
import { PlatformModule } from '@verosek/platform';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditProducerModule } from './audit-producer.module';
import { AuditWorkerModule } from './audit-worker.module';
import { AuditProducer } from './producer/audit-producer';
import { AuditQueryService } from './query/audit-query.service';
import { eventually } from './testing/eventually';
import { sampleCall, STEPS_PER_SAMPLE_CALL } from './testing/sample-calls';

jest.setTimeout(60_000);
/** Embedded mode: producer, in-process queue, consumer and PGlite in one process, same modules as the cluster. */
describe('audit in embedded mode (in-process queue, PGlite)', () => {
  let dataDir: string;
  let app: INestApplicationContext;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'audit-embedded-'));
    const moduleRef = await Test.createTestingModule({
      imports: [
        VerosekConfigModule.forRoot({
          config: parseConfig('', 'test.yaml', {}),
          env: readEnv({ VEROSEK_DATA_DIR: dataDir }),
        }),
        PlatformModule.forRoot(),
        PersistenceModule.forRoot({ dataDir: IN_MEMORY, retryAttempts: 0 }),
        AuditProducerModule.forRoot(),
        AuditWorkerModule.forRoot({ consumer: { batchWaitMs: 10 } }),
      ],
    }).compile();
    app = await moduleRef.init();
  });

  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores what the gateway records and serves it to the admin queries', async () => {
    const producer = app.get(AuditProducer);
    const dataSource = app.get(DataSource);
    const recorded = Array.from({ length: 25 }, (_, i) => sampleCall(`req_${i}`, `k${i % 2}`));
    for (const events of recorded) producer.record(events);

    const rows = async () => Number((await dataSource.query('SELECT count(*) AS n FROM audit_events'))[0].n);
    await eventually(async () => (await rows()) === 25 * (1 + STEPS_PER_SAMPLE_CALL), 'rows in PGlite');

    const query = new AuditQueryService(dataSource);
    const page = await query.list({ keyId: 'k0', limit: 100 });
    expect(page.data.map((e) => e.request_id).sort()).toEqual(
      recorded
        .filter((_, i) => i % 2 === 0)
        .map(([call]) => call.request_id)
        .sort(),
    );
    const detail = await query.byRequestId('req_3');
    expect(detail?.call.id).toBe(recorded[3][0].id);
    expect(detail?.steps.map((s) => s.id).sort()).toEqual(
      recorded[3]
        .slice(1)
        .map((s) => s.id)
        .sort(),
    );
    const spend = await query.spend({ groupBy: 'key' });
    expect(spend.map((r) => [r.group, r.calls])).toEqual(
      expect.arrayContaining([
        ['k0', 13],
        ['k1', 12],
      ]),
    );
  });
});
