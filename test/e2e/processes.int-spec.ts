import { join } from 'node:path';
import OpenAI from 'openai';
import { APPS, waitReady } from '../harness/app-processes';
import { useBuiltApps } from '../harness/built-apps';
import { uniqueTransportNamespace } from '../harness/cluster-services';
import { DATABASE_URL, MASTER_KEY, REDIS_URL } from '../harness/gateway-harness';

jest.setTimeout(120_000);

describe('the four apps as built processes (node <build>/apps/<app>/src/main.js)', () => {
  const built = useBuiltApps('processes');

  it('cluster mode: each app is its own process on Redis and Postgres, and every one gets ready', async () => {
    const env = {
      REDIS_URL,
      DATABASE_URL,
      VEROSEK_CONFIG: built.configFile,
      VEROSEK_MASTER_KEY: MASTER_KEY,
      VEROSEK_TRANSPORT_NAMESPACE: uniqueTransportNamespace('e2e-processes'),
    };
    const apps = await Promise.all(APPS.map((name) => built.spawn(name, env)));
    await Promise.all(apps.map((app) => waitReady(app)));
    expect(new Set(apps.map((app) => app.url)).size).toBe(APPS.length);

    // The gateway reaches keys-service over the transport: a key created through it is usable.
    const gateway = apps.find((app) => app.name === 'api-gateway')!;
    const created = await fetch(`${gateway.url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'e2e-processes', ttl_seconds: 600 }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    built.fakes.openai.script({ text: 'From a cluster of processes.' });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.choices[0].message.content).toBe('From a cluster of processes.');
  });

  it('embedded mode: api-gateway alone, without REDIS_URL, answers the OpenAI SDK through the fakes', async () => {
    const gateway = await built.spawn('api-gateway', {
      VEROSEK_CONFIG: built.configFile,
      VEROSEK_MASTER_KEY: MASTER_KEY,
      VEROSEK_DATA_DIR: join(built.workDir, 'data'),
    });
    await waitReady(gateway);
    built.fakes.openai.script({ text: 'From the embedded process.' });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.choices[0].message.content).toBe('From the embedded process.');
    expect(gateway.output()).toContain('embedded mode');
  });
});
