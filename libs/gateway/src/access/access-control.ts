import type { DeploymentConfig } from '@verosek/config';
import type { CallerIdentity } from '@verosek/keys';
import type { CanonicalRequest, Usage } from '@verosek/protocol';

/** Who is calling, once the key is verified. */
export interface Caller {
  keyId: string;
  isMaster: boolean;
  /** The verified identity, for admission (allow-list, limits, budget). */
  identity: CallerIdentity;
  /** Shield policy override from the key (raw; merged by the Shield gate). */
  shieldOverride?: unknown;
  /** Model groups the key may call (undefined: all). */
  models?: string[];
  /** Gateway tools the key may use (undefined: all the model offers). */
  tools?: string[];
  /** Keep prompt / completion bodies in audit for this key. */
  logBodies?: boolean;
}

/** Usage of one model turn, priced at the deployment that served it. */
export interface Charge {
  usage?: Usage;
  deployment?: DeploymentConfig;
}

/** What was admitted for one call: a budget reservation to settle. */
export interface Admission {
  caller: Caller;
  /**
   * Settles the reservation against the real usage of the call's turns (a tool loop's internal turns
   * and the final one, each at its own deployment's price); resolves to the cost in USD, undefined
   * when no turn had a price.
   */
  settle(charges: Charge[]): Promise<number | undefined>;
  /** USD left in the tightest budget window after settling (undefined when the key has no budget). */
  remainingUsd(): number | undefined;
}

/** Identity and spend control on the hot path: authenticate, then admit each call before it goes upstream. */
export interface AccessControl {
  authenticate(rawKey: string | undefined): Promise<Caller>;
  /** Allow-list, rate limits, budget reservation; throws GatewayError to refuse. */
  admit(
    caller: Caller,
    modelGroup: string,
    request: CanonicalRequest,
    deployments: DeploymentConfig[],
  ): Promise<Admission>;
}

export const ACCESS_CONTROL = Symbol('ACCESS_CONTROL');
