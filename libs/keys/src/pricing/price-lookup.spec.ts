import type { ModelGroupConfig } from '@verosek/config';
import { findUnpricedDeployments, listedPrice, priceFor } from './price-lookup';

describe('listedPrice', () => {
  it.each([
    ['gpt-4o', 2.5, 10],
    ['gpt-4o-2024-08-06', 2.5, 10],
    ['gpt-4o-mini', 0.15, 0.6],
    ['gpt-4o-mini-2024-07-18', 0.15, 0.6],
    ['gpt-4.1-nano-2025-04-14', 0.1, 0.4],
    ['o3-2025-04-16', 2, 8],
    ['o4-mini', 1.1, 4.4],
    ['gpt-5-mini-2025-08-07', 0.25, 2],
    ['claude-sonnet-4-20250514', 3, 15],
    ['claude-sonnet-4-5-20250929', 3, 15],
    ['claude-opus-4-1-20250805', 15, 75],
    ['claude-haiku-4-5-20251001', 1, 5],
    ['claude-3-5-haiku-latest', 0.8, 4],
    ['claude-sonnet-4@20250514', 3, 15],
    ['gemini-2.5-pro', 1.25, 10],
    ['models/gemini-2.5-flash', 0.3, 2.5],
    ['gemini-2.5-flash-lite', 0.1, 0.4],
    ['gemini-2.5-flash-preview-05-20', 0.3, 2.5],
    ['gemini-2.0-flash-001', 0.1, 0.4],
    ['text-embedding-3-small', 0.02, 0],
  ])('%s -> in %p, out %p', (model, input, output) => {
    expect(listedPrice(model)).toMatchObject({ input, output });
  });

  it('matches a dated snapshot to its own base, not to a shorter model id', () => {
    expect(listedPrice('gpt-4o-mini-2024-07-18')?.input).toBe(0.15);
    expect(listedPrice('gemini-2.5-flash-lite-preview-06-17')?.input).toBe(0.1);
  });

  it.each(['gpt-4o-turbo-ultra', 'llama-3.3-70b', 'gpt-5.2', 'constructor', 'toString', ''])(
    'knows no price for %p',
    (model) => {
      expect(listedPrice(model)).toBeUndefined();
    },
  );
});

describe('priceFor', () => {
  it('uses the list price without overrides', () => {
    expect(priceFor({ model: 'gpt-4o' })).toEqual({ input: 2.5, cachedInput: 1.25, output: 10 });
  });

  it('prefers configured costs, which also price cached input', () => {
    expect(priceFor({ model: 'gpt-4o', inputCostPerMtok: 2, outputCostPerMtok: 8 })).toEqual({
      input: 2,
      output: 8,
    });
  });

  it('takes the missing half of an override from the list', () => {
    expect(priceFor({ model: 'gpt-4o', outputCostPerMtok: 12 })).toEqual({
      input: 2.5,
      cachedInput: 1.25,
      output: 12,
    });
    expect(priceFor({ model: 'gpt-4o', inputCostPerMtok: 3 })).toEqual({ input: 3, output: 10 });
  });

  it('accepts an explicit price of 0', () => {
    expect(priceFor({ model: 'my-local-llama', inputCostPerMtok: 0, outputCostPerMtok: 0 })).toEqual({
      input: 0,
      output: 0,
    });
  });

  it('has no price for an unknown model with half an override', () => {
    expect(priceFor({ model: 'my-local-llama' })).toBeUndefined();
    expect(priceFor({ model: 'my-local-llama', inputCostPerMtok: 1 })).toBeUndefined();
    expect(priceFor({ model: 'my-local-llama', outputCostPerMtok: 1 })).toBeUndefined();
  });
});

describe('findUnpricedDeployments', () => {
  const deployment = (id: string, model: string, extra = {}) => ({
    id,
    model,
    provider: 'openai-compatible' as const,
    apiBase: 'http://127.0.0.1:1/v1',
    weight: 1,
    priority: 0,
    headers: {},
    ...extra,
  });

  it('lists every deployment without a price, by group', () => {
    const models: ModelGroupConfig[] = [
      {
        name: 'smart',
        strategy: 'weighted',
        fallbacks: [],
        tools: [],
        deployments: [deployment('smart#0', 'gpt-4o'), deployment('smart#1', 'llama-3.3-70b')],
      },
      {
        name: 'local',
        strategy: 'weighted',
        fallbacks: [],
        tools: [],
        deployments: [deployment('local#0', 'qwen', { inputCostPerMtok: 0, outputCostPerMtok: 0 })],
      },
    ];
    expect(findUnpricedDeployments(models)).toEqual([
      { modelGroup: 'smart', deploymentId: 'smart#1', model: 'llama-3.3-70b' },
    ]);
  });
});
