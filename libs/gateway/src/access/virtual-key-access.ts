import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { DeploymentConfig, GatewayEnv, VerosekConfig } from '@verosek/config';
import { GATEWAY_ENV, VEROSEK_CONFIG } from '@verosek/config';
import type { Reservation, TokenGrant } from '@verosek/keys';
import {
  BudgetService,
  turnsCostUsd,
  findUnpricedDeployments,
  KeyAuthenticator,
  KeyPolicy,
  microToUsd,
  RateLimiter,
  remainingMicro,
  worstCaseForDeployments,
} from '@verosek/keys';
import type { CanonicalRequest } from '@verosek/protocol';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, estimateInputTokens } from '@verosek/protocol';
import type { AccessControl, Admission, Caller, Charge } from './access-control';

/**
 * Virtual keys on the hot path (issue 4): verify the key (or the master key), then per call the
 * model allow-list, rpm/tpm limits and an atomic worst-case budget reservation, settled to the
 * real cost when the call ends.
 */
@Injectable()
export class VirtualKeyAccess implements AccessControl, OnModuleInit {
  private readonly logger = new Logger('keys');

  constructor(
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
    @Inject(VEROSEK_CONFIG) private readonly config: VerosekConfig,
    private readonly authenticator: KeyAuthenticator,
    private readonly policy: KeyPolicy,
    private readonly limiter: RateLimiter,
    private readonly budget: BudgetService,
  ) {}

  onModuleInit(): void {
    for (const d of findUnpricedDeployments(this.config.models)) {
      this.logger.warn(
        `no price for ${d.model} (deployment ${d.deploymentId} of ${d.modelGroup}): budgeted keys are refused ` +
          'until input_cost_per_mtok / output_cost_per_mtok are set',
      );
    }
  }

  async authenticate(rawKey: string | undefined): Promise<Caller> {
    const identity = await this.authenticator.authenticate(rawKey, this.env.masterKey);
    const record = identity.record;
    return {
      keyId: identity.keyId,
      isMaster: identity.isMaster,
      identity,
      models: record?.models ?? undefined,
      tools: record?.tools ?? undefined,
      shieldOverride: record?.shield ?? undefined,
      logBodies: record?.metadata?.log_bodies === true ? true : undefined,
    };
  }

  async admit(
    caller: Caller,
    modelGroup: string,
    request: CanonicalRequest,
    deployments: DeploymentConfig[],
  ): Promise<Admission> {
    const identity = caller.identity;
    this.policy.checkModel(identity, modelGroup);
    const inputTokens = estimateInputTokens(request);
    const maxOutput = request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
    const tokenGrant = await this.limiter.check(identity, inputTokens + maxOutput);
    const worstCase = this.budget.isBudgeted(identity)
      ? worstCaseForDeployments(modelGroup, deployments, inputTokens, maxOutput)
      : 0;
    const reservation = await this.budget.reserve(identity, worstCase);
    return new KeyAdmission(caller, reservation, this.budget, this.limiter, tokenGrant);
  }
}

class KeyAdmission implements Admission {
  private remaining: number | undefined;
  private settled = false;

  constructor(
    readonly caller: Caller,
    private readonly reservation: Reservation,
    private readonly budget: BudgetService,
    private readonly limiter: RateLimiter,
    /** Taken at the estimate; corrected to the tokens the call's turns used. */
    private readonly tokenGrant: TokenGrant | undefined,
  ) {
    // Until settled (a stream's headers go out first), what is left with this call's hold counted.
    if (reservation.counters.length)
      this.remaining = microToUsd(remainingMicro(reservation.counters, reservation.spent));
  }

  async settle(charges: Charge[]): Promise<number | undefined> {
    if (this.settled) return undefined;
    this.settled = true;
    const cost = turnsCostUsd(charges);
    const settlement = this.budget.settle(this.reservation, cost ?? 0);
    const used = usedTokens(charges);
    if (this.tokenGrant && used !== undefined) this.limiter.correct(this.tokenGrant, used);
    this.remaining = settlement.remainingUsd;
    return cost;
  }

  remainingUsd(): number | undefined {
    return this.remaining;
  }
}

/** Input and output tokens of the turns that reported usage; undefined when none did. */
function usedTokens(charges: Charge[]): number | undefined {
  let used: number | undefined;
  for (const { usage } of charges) if (usage) used = (used ?? 0) + usage.inputTokens + usage.outputTokens;
  return used;
}
