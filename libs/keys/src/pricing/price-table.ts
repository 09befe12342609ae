import type { ModelPrice } from './model-price';

/**
 * List prices in USD per million tokens, as the providers publish them (standard tier, text, prompts
 * up to 200k tokens where a provider charges more above that). A deployment overrides them with
 * `input_cost_per_mtok` / `output_cost_per_mtok`. Keys are base model ids; dated snapshots
 * (`claude-sonnet-4-20250514`, `gpt-4o-2024-08-06`) resolve to them (see price-lookup.ts).
 */
export const PRICE_TABLE: ReadonlyMap<string, ModelPrice> = new Map(
  Object.entries({
    // OpenAI
    'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gpt-5.1': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
    'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
    'gpt-5-chat-latest': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
    'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
    'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
    'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
    'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
    'gpt-4-turbo': { input: 10, output: 30 },
    'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
    o1: { input: 15, cachedInput: 7.5, output: 60 },
    o3: { input: 2, cachedInput: 0.5, output: 8 },
    'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
    'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
    'text-embedding-3-large': { input: 0.13, output: 0 },
    'text-embedding-ada-002': { input: 0.1, output: 0 },

    // Anthropic (cache reads 0.1x input, 5-minute cache writes 1.25x input)
    'claude-opus-4-5': { input: 5, cachedInput: 0.5, cacheWriteInput: 6.25, output: 25 },
    'claude-opus-4-1': { input: 15, cachedInput: 1.5, cacheWriteInput: 18.75, output: 75 },
    'claude-opus-4': { input: 15, cachedInput: 1.5, cacheWriteInput: 18.75, output: 75 },
    'claude-opus-4-0': { input: 15, cachedInput: 1.5, cacheWriteInput: 18.75, output: 75 },
    'claude-sonnet-4-5': { input: 3, cachedInput: 0.3, cacheWriteInput: 3.75, output: 15 },
    'claude-sonnet-4': { input: 3, cachedInput: 0.3, cacheWriteInput: 3.75, output: 15 },
    'claude-sonnet-4-0': { input: 3, cachedInput: 0.3, cacheWriteInput: 3.75, output: 15 },
    'claude-3-7-sonnet': { input: 3, cachedInput: 0.3, cacheWriteInput: 3.75, output: 15 },
    'claude-3-5-sonnet': { input: 3, cachedInput: 0.3, cacheWriteInput: 3.75, output: 15 },
    'claude-haiku-4-5': { input: 1, cachedInput: 0.1, cacheWriteInput: 1.25, output: 5 },
    'claude-3-5-haiku': { input: 0.8, cachedInput: 0.08, cacheWriteInput: 1, output: 4 },
    'claude-3-haiku': { input: 0.25, cachedInput: 0.03, cacheWriteInput: 0.3, output: 1.25 },
    'claude-3-opus': { input: 15, cachedInput: 1.5, cacheWriteInput: 18.75, output: 75 },

    // Google Gemini
    'gemini-3-pro-preview': { input: 2, cachedInput: 0.2, output: 12 },
    'gemini-2.5-pro': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gemini-2.5-flash': { input: 0.3, cachedInput: 0.03, output: 2.5 },
    'gemini-2.5-flash-lite': { input: 0.1, cachedInput: 0.01, output: 0.4 },
    'gemini-2.0-flash': { input: 0.1, cachedInput: 0.025, output: 0.4 },
    'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
    'gemini-1.5-pro': { input: 1.25, output: 5 },
    'gemini-1.5-flash': { input: 0.075, output: 0.3 },
    'gemini-embedding-001': { input: 0.15, output: 0 },
  }),
);
