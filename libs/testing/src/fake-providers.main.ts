/**
 * Runs the three fake providers until SIGINT/SIGTERM, for manual runs and the benchmark:
 * `npm run fake-providers [-- --latency-ms N]`. Ports from FAKE_OPENAI_PORT / FAKE_ANTHROPIC_PORT /
 * FAKE_GEMINI_PORT (defaults 9001/9002/9003); latency also from FAKE_LATENCY_MS.
 */
import { startFakeAnthropic, FAKE_ANTHROPIC_API_KEY } from './anthropic/fake-anthropic';
import type { FakeServer } from './fake/fake-server';
import { startFakeGemini, FAKE_GEMINI_API_KEY } from './gemini/fake-gemini';
import { startFakeOpenAI, FAKE_OPENAI_API_KEY } from './openai/fake-openai';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, got ${raw}`);
  return value;
}

function latencyMs(argv: string[]): number {
  const flag = argv.indexOf('--latency-ms');
  const raw = flag === -1 ? process.env.FAKE_LATENCY_MS : argv[flag + 1];
  if (raw === undefined || raw === '') return 0;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`--latency-ms / FAKE_LATENCY_MS must be a number of ms >= 0, got ${raw}`);
  return value;
}

async function main(): Promise<void> {
  const latency = latencyMs(process.argv.slice(2));
  const fakes: Array<[string, string, FakeServer]> = [
    [
      'openai',
      FAKE_OPENAI_API_KEY,
      await startFakeOpenAI({ port: port('FAKE_OPENAI_PORT', 9001), latencyMs: latency }),
    ],
    [
      'anthropic',
      FAKE_ANTHROPIC_API_KEY,
      await startFakeAnthropic({ port: port('FAKE_ANTHROPIC_PORT', 9002), latencyMs: latency }),
    ],
    [
      'gemini',
      FAKE_GEMINI_API_KEY,
      await startFakeGemini({ port: port('FAKE_GEMINI_PORT', 9003), latencyMs: latency }),
    ],
  ];
  for (const [name, key, fake] of fakes) console.log(`fake ${name.padEnd(9)} ${fake.baseUrl}  (key ${key})`);
  console.log(`latency ${latency} ms; Ctrl-C to stop`);
  const stop = async () => {
    await Promise.all(fakes.map(([, , fake]) => fake.close()));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
