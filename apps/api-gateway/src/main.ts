import 'reflect-metadata';
import { loadConfig, readEnv } from '@verosek/config';
import cluster from 'node:cluster';
import { bootstrapGateway } from './bootstrap';
import { runEmbeddedPrimary } from './cluster/embedded-primary';
import { superviseWorkers } from './cluster/worker-supervisor';
import { installLeanAsyncResourceBind } from './runtime/lean-async-resource-bind';

async function main(): Promise<void> {
  installLeanAsyncResourceBind();
  const env = readEnv();
  if (env.workers > 1 && cluster.isPrimary) {
    loadConfig(); // a config error is reported once, here, rather than by every worker
    if (env.redisUrl) superviseWorkers({ workers: env.workers });
    else await runEmbeddedPrimary(env);
    return;
  }
  await bootstrapGateway({ env });
}

void main().catch((err: Error) => {
  // Config and env errors name the file and field; print them plainly, without a stack.
  console.error(`verosek: ${err.message}`);
  process.exit(1);
});
