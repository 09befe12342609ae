import OpenAI from 'openai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fakes } from '../harness/gateway-harness';
import { MASTER_KEY, startFakes, startGateway, threeProviderYaml } from '../harness/gateway-harness';

/**
 * Embedded mode keeps its audit queue in process: a graceful shutdown right after a burst of calls
 * must still land every record in PGlite (read back by a new gateway on the same data directory).
 */
const CALLS = 300;

describe('embedded audit survives a shutdown right after a burst', () => {
  let fakes: Fakes;
  beforeAll(async () => {
    fakes = await startFakes();
  });
  afterAll(() => fakes?.close());

  it('writes every call record before the process ends', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'verosek-audit-shutdown-'));
    const yaml = threeProviderYaml(fakes);
    const first = await startGateway({ yaml, env: { VEROSEK_DATA_DIR: dataDir } });
    const client = new OpenAI({ baseURL: `${first.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    // Enough calls that the writer (PGlite) is still behind when the shutdown starts.
    const ids: string[] = [];
    for (let wave = 0; wave < CALLS / 50; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          client.chat.completions
            .create({ model: 'gpt-4o', messages: [{ role: 'user', content: `call ${wave}-${i}` }] })
            .withResponse(),
        ),
      );
      ids.push(...answers.map(({ response }) => response.headers.get('x-request-id')!));
    }
    await first.close();

    const second = await startGateway({ yaml, env: { VEROSEK_DATA_DIR: dataDir } });
    try {
      const found = new Set<string>();
      let cursor: string | null = null;
      do {
        const url = `${second.url}/admin/audit?key_id=master&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await (
          await fetch(url, { headers: { authorization: `Bearer ${MASTER_KEY}` } })
        ).json()) as {
          data: { request_id: string }[];
          next_cursor: string | null;
        };
        for (const row of page.data) found.add(row.request_id);
        cursor = page.next_cursor;
      } while (cursor);
      expect(ids.filter((id) => !found.has(id))).toEqual([]);
      expect(found.size).toBe(CALLS);
    } finally {
      await second.close();
    }
  });
});
