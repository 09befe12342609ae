import type { DeploymentConfig, ModelGroupConfig } from '@verosek/config';
import type { ModelPrice } from './model-price';
import { PRICE_TABLE } from './price-table';

/**
 * Snapshot suffixes that name a dated release of a base model: `-2024-08-06` (OpenAI),
 * `-20250514` / `@20250514` (Anthropic, Vertex), `-latest`, `-preview-05-20` and `-001` (Gemini).
 */
const SNAPSHOT_SUFFIX = /(?:-\d{4}-\d{2}-\d{2}|[-@]\d{8}|-latest|-preview-\d{2}-\d{2}|-\d{3})$/;

/** The shipped list price of a model id: exact id first, then the id without its snapshot suffix. */
export function listedPrice(model: string): ModelPrice | undefined {
  const id = model.startsWith('models/') ? model.slice('models/'.length) : model;
  return PRICE_TABLE.get(id) ?? PRICE_TABLE.get(id.replace(SNAPSHOT_SUFFIX, ''));
}

export type PricedDeployment = Pick<DeploymentConfig, 'model' | 'inputCostPerMtok' | 'outputCostPerMtok'>;

/**
 * The price of a deployment: its configured costs, else the list price of its model; undefined when
 * neither says (never a silent $0). A configured input price also stands for cached input, whose
 * discount is only known for list prices.
 */
export function priceFor(deployment: PricedDeployment): ModelPrice | undefined {
  const listed = listedPrice(deployment.model);
  const { inputCostPerMtok, outputCostPerMtok } = deployment;
  if (inputCostPerMtok === undefined && outputCostPerMtok === undefined) return listed;
  const output = outputCostPerMtok ?? listed?.output;
  if (inputCostPerMtok === undefined)
    return listed && output !== undefined ? { ...listed, output } : undefined;
  return output === undefined ? undefined : { input: inputCostPerMtok, output };
}

export interface UnpricedDeployment {
  modelGroup: string;
  deploymentId: string;
  model: string;
}

/** Start-up check: deployments whose calls cannot be costed (the gateway logs a warning for each). */
export function findUnpricedDeployments(models: readonly ModelGroupConfig[]): UnpricedDeployment[] {
  return models.flatMap((group) =>
    group.deployments
      .filter((deployment) => priceFor(deployment) === undefined)
      .map((deployment) => ({
        modelGroup: group.name,
        deploymentId: deployment.id,
        model: deployment.model,
      })),
  );
}
