import { writeFileSync } from 'node:fs';

/** The model group every benchmark request names; also the fake's model, so that one body fits every target. */
export const BENCH_MODEL = 'gpt-4o-mini';
export const DEPLOYMENT_IDS = ['fake-a', 'fake-b', 'fake-c'] as const;

/**
 * The gateway config of the benchmark: one model group routed over three deployments (all on the fast
 * fake), Shield on in both directions, audit on. With `failingBaseUrl`, the last deployment points
 * there instead (a port where nothing listens): routing must cool it and keep the overhead flat.
 */
export function writeGatewayConfig(file: string, upstreamBaseUrl: string, failingBaseUrl?: string): void {
  const deployments = DEPLOYMENT_IDS.map(
    (id, i) => `      - id: ${id}
        provider: openai
        model: ${BENCH_MODEL}
        api_base: ${failingBaseUrl && i === DEPLOYMENT_IDS.length - 1 ? failingBaseUrl : upstreamBaseUrl}
        api_key: sk-bench-fake
        weight: 1
        input_cost_per_mtok: 0.15
        output_cost_per_mtok: 0.6`,
  );
  const yaml = `# Written by the benchmark (bench/src/targets/gateway-config.ts).
models:
  - name: ${BENCH_MODEL}
    strategy: weighted
    deployments:
${deployments.join('\n')}
routing:
  allowed_fails: 3
  cooldown_seconds: 30
  timeout_ms: 60000
  retries: 2
audit:
  retention_days: 90
  log_bodies: false
shield:
  pre:  { pii: redact, secrets: block }
  post: { pii: redact, secrets: redact }
`;
  writeFileSync(file, yaml);
}
