import type { Usage } from '@verosek/protocol';
import { GatewayError } from '@verosek/protocol';
import type { ModelPrice } from './model-price';
import type { PricedDeployment } from './price-lookup';
import { priceFor } from './price-lookup';

const PER_MTOK = 1_000_000;

/** What a finished call cost, in USD. `usage.inputTokens` includes cached and cache-written tokens. */
export function costUsd(price: ModelPrice, usage: Usage): number {
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cached - written);
  return (
    (uncached * price.input +
      cached * (price.cachedInput ?? price.input) +
      written * (price.cacheWriteInput ?? price.input) +
      usage.outputTokens * price.output) /
    PER_MTOK
  );
}

/** One model turn of a call: its usage, priced at the deployment that served it. */
export interface PricedTurn {
  usage?: Usage;
  deployment?: PricedDeployment;
}

/**
 * What a call of several turns (a tool loop) cost, each turn at its own deployment's price;
 * undefined when no turn's deployment has a price (unknown, never a silent $0).
 */
export function turnsCostUsd(turns: readonly PricedTurn[]): number | undefined {
  let total: number | undefined;
  for (const { usage, deployment } of turns) {
    const price = deployment ? priceFor(deployment) : undefined;
    if (price) total = (total ?? 0) + (usage ? costUsd(price, usage) : 0);
  }
  return total;
}

/** The most a call can cost: every input token at the dearest input rate, and every allowed output token. */
export function worstCaseCostUsd(price: ModelPrice, inputTokens: number, maxOutputTokens: number): number {
  const inputRate = Math.max(price.input, price.cacheWriteInput ?? 0);
  return (inputTokens * inputRate + maxOutputTokens * price.output) / PER_MTOK;
}

/**
 * Worst case over every deployment the router may pick for a model group: what a budgeted call must
 * reserve. Refuses (400 `model_price_unknown`) while any of them has no price.
 */
export function worstCaseForDeployments(
  modelGroup: string,
  deployments: readonly PricedDeployment[],
  inputTokens: number,
  maxOutputTokens: number,
): number {
  let worst = 0;
  for (const deployment of deployments) {
    const price = priceFor(deployment);
    if (!price) {
      throw new GatewayError(
        'invalid_request',
        `model '${modelGroup}' has no price for '${deployment.model}', so a budgeted key cannot use it; ` +
          'set input_cost_per_mtok and output_cost_per_mtok on the deployment',
        { code: 'model_price_unknown', param: 'model' },
      );
    }
    worst = Math.max(worst, worstCaseCostUsd(price, inputTokens, maxOutputTokens));
  }
  return worst;
}
