import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { GatewayEnv, VerosekConfig } from '@verosek/config';
import { parseConfig, readEnv } from '@verosek/config';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeServer } from '@verosek/testing';
import {
  FAKE_ANTHROPIC_API_KEY,
  FAKE_GEMINI_API_KEY,
  FAKE_OPENAI_API_KEY,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@verosek/testing';
import { bootstrapGateway } from '../../apps/api-gateway/src/bootstrap';

export const MASTER_KEY = 'vsk-master-test-key';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface RunningGateway {
  /** http://127.0.0.1:<port> */
  url: string;
  app: NestFastifyApplication;
  config: VerosekConfig;
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** The YAML config text. */
  yaml: string;
  /** Extra env; embedded mode (no REDIS_URL) unless given. */
  env?: Record<string, string>;
}

/** Starts a real api-gateway on a random loopback port, configured by YAML text. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const rawEnv = {
    PORT: '0',
    HOST: '127.0.0.1',
    VEROSEK_MASTER_KEY: MASTER_KEY,
    VEROSEK_DATA_DIR: mkdtempSync(join(tmpdir(), 'verosek-test-')),
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const env: GatewayEnv = readEnv(rawEnv);
  const config = parseConfig(options.yaml, 'test-config.yaml', rawEnv);
  const app = await bootstrapGateway({ env, config });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, config, close: () => app.close() };
}

export interface Fakes {
  openai: FakeServer;
  anthropic: FakeServer;
  gemini: FakeServer;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const [openai, anthropic, gemini] = await Promise.all([
    startFakeOpenAI(),
    startFakeAnthropic(),
    startFakeGemini(),
  ]);
  return {
    openai,
    anthropic,
    gemini,
    reset: () => [openai, anthropic, gemini].forEach((f) => f.reset()),
    close: async () => {
      await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
    },
  };
}

/** One model group per fake provider: `gpt-4o` (OpenAI), `claude` (Anthropic), `gemini` (Gemini). */
export function threeProviderYaml(fakes: Fakes, extra = ''): string {
  return `
models:
  - name: gpt-4o
    deployments:
      - { provider: openai, model: gpt-4o-2024-08-06, api_base: "${fakes.openai.baseUrl}", api_key: ${FAKE_OPENAI_API_KEY} }
  - name: claude
    deployments:
      - { provider: anthropic, model: claude-sonnet-4-5, api_base: "${fakes.anthropic.baseUrl}", api_key: ${FAKE_ANTHROPIC_API_KEY} }
  - name: gemini
    deployments:
      - { provider: gemini, model: gemini-2.5-flash, api_base: "${fakes.gemini.baseUrl}", api_key: ${FAKE_GEMINI_API_KEY} }
${extra}`;
}
