import { auditEnqueueMicro } from './audit-enqueue.micro';
import { auditInsertMicro } from './audit-insert.micro';
import { keyCheckMicro } from './key-check.micro';
import { Unavailable } from './lib-loader';
import type { MicroOptions, MicroResult } from './micro-result';
import { shieldMicro } from './shield.micro';
import { translationMicro } from './translation.micro';

const MICRO_BENCHMARKS: { name: string; run: (options: MicroOptions) => Promise<MicroResult> }[] = [
  { name: 'translation', run: translationMicro },
  { name: 'shield', run: shieldMicro },
  { name: 'key check', run: keyCheckMicro },
  { name: 'audit enqueue', run: auditEnqueueMicro },
  { name: 'audit insert', run: auditInsertMicro },
];

/**
 * Runs every micro-benchmark in this process. One whose lib is not there yet is skipped with the reason
 * ("not available yet: ..."); one that fails is reported as skipped with its error, and the rest still run.
 */
export async function runMicroBenchmarks(
  options: MicroOptions,
  log: (line: string) => void,
): Promise<MicroResult[]> {
  const results: MicroResult[] = [];
  for (const bench of MICRO_BENCHMARKS) {
    try {
      const result = await bench.run(options);
      results.push(result);
      log(
        `micro ${bench.name}: ${result.status === 'ok' ? result.rows.map((r) => `${r.label} p50 ${r.p50Us} µs`).join('; ') : ''}`,
      );
    } catch (err) {
      const reason =
        err instanceof Unavailable
          ? `not available yet: ${err.message}`
          : `failed: ${(err as Error).message.split('\n')[0]}`;
      results.push({ name: bench.name, status: 'skipped', reason });
      log(`micro ${bench.name}: ${reason}`);
    }
  }
  return results;
}
