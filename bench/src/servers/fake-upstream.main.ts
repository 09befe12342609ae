import { startFastOpenAI } from '../upstream/fast-openai';
import { numberFromEnv, serveUntilStopped } from './ready-signal';

/** Forked by the bench: the fast fake upstream in a process of its own. */
void startFastOpenAI({ latencyMs: numberFromEnv('BENCH_UPSTREAM_LATENCY_MS', 0) }).then(
  (fake) => serveUntilStopped(fake.port, fake.close),
  (err: Error) => {
    console.error(`fake upstream: ${err.message}`);
    process.exit(1);
  },
);
