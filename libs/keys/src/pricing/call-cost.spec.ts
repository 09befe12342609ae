import { GatewayError } from '@verosek/protocol';
import { costUsd, turnsCostUsd, worstCaseCostUsd, worstCaseForDeployments } from './call-cost';

describe('costUsd', () => {
  it('charges input and output at their rates', () => {
    // gpt-4o: $2.50 / $10 per Mtok
    expect(costUsd({ input: 2.5, output: 10 }, { inputTokens: 1_000, outputTokens: 500 })).toBeCloseTo(
      0.0075,
      12,
    );
  });

  it('charges cached input at the cache rate (OpenAI counts it inside inputTokens)', () => {
    const price = { input: 2.5, cachedInput: 1.25, output: 10 };
    expect(costUsd(price, { inputTokens: 1_000, cachedInputTokens: 800, outputTokens: 0 })).toBeCloseTo(
      (200 * 2.5 + 800 * 1.25) / 1e6,
      12,
    );
  });

  it('charges cache writes at the write rate (Anthropic)', () => {
    const price = { input: 3, cachedInput: 0.3, cacheWriteInput: 3.75, output: 15 };
    const usage = {
      inputTokens: 10_000,
      cachedInputTokens: 4_000,
      cacheWriteInputTokens: 5_000,
      outputTokens: 100,
    };
    expect(costUsd(price, usage)).toBeCloseTo((1_000 * 3 + 4_000 * 0.3 + 5_000 * 3.75 + 100 * 15) / 1e6, 12);
  });

  it('falls back to the input rate where no cache rate is known', () => {
    expect(
      costUsd({ input: 1, output: 2 }, { inputTokens: 100, cachedInputTokens: 100, outputTokens: 0 }),
    ).toBeCloseTo(100 / 1e6, 12);
  });

  it('costs nothing at an explicit price of 0', () => {
    expect(costUsd({ input: 0, output: 0 }, { inputTokens: 1e6, outputTokens: 1e6 })).toBe(0);
  });
});

describe('turnsCostUsd', () => {
  it('prices each turn of a tool loop at the deployment that served it', () => {
    const cost = turnsCostUsd([
      { usage: { inputTokens: 1_000, outputTokens: 100 }, deployment: { model: 'gpt-4o-mini' } },
      { usage: { inputTokens: 2_000, outputTokens: 200 }, deployment: { model: 'gpt-4o' } },
    ]);
    expect(cost).toBeCloseTo((1_000 * 0.15 + 100 * 0.6 + 2_000 * 2.5 + 200 * 10) / 1e6, 12);
  });

  it('is unknown when no turn has a price, and leaves unpriced turns out otherwise', () => {
    const unpriced = { model: 'no-such-model' };
    expect(
      turnsCostUsd([{ usage: { inputTokens: 5, outputTokens: 5 }, deployment: unpriced }]),
    ).toBeUndefined();
    expect(turnsCostUsd([])).toBeUndefined();
    expect(
      turnsCostUsd([
        { usage: { inputTokens: 5, outputTokens: 5 }, deployment: unpriced },
        { usage: { inputTokens: 1_000_000, outputTokens: 0 }, deployment: { model: 'gpt-4o-mini' } },
      ]),
    ).toBeCloseTo(0.15, 12);
  });

  it('charges a priced turn that reported no usage nothing', () => {
    expect(turnsCostUsd([{ deployment: { model: 'gpt-4o-mini' } }])).toBe(0);
  });
});

describe('worst case', () => {
  it('prices every input token at the dearest input rate and every allowed output token', () => {
    const price = { input: 3, cacheWriteInput: 3.75, output: 15 };
    expect(worstCaseCostUsd(price, 1_000, 2_000)).toBeCloseTo((1_000 * 3.75 + 2_000 * 15) / 1e6, 12);
  });

  it('takes the dearest deployment of the group', () => {
    const worst = worstCaseForDeployments(
      'smart',
      [{ model: 'gpt-4o-mini' }, { model: 'gpt-4o' }],
      1_000,
      1_000,
    );
    expect(worst).toBeCloseTo((1_000 * 2.5 + 1_000 * 10) / 1e6, 12);
  });

  it('refuses with 400 model_price_unknown when a deployment has no price', () => {
    let error: unknown;
    try {
      worstCaseForDeployments('local', [{ model: 'gpt-4o' }, { model: 'my-llama' }], 10, 10);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).info).toMatchObject({
      status: 400,
      code: 'model_price_unknown',
      kind: 'invalid_request',
    });
    expect((error as GatewayError).message).toContain('my-llama');
  });
});
