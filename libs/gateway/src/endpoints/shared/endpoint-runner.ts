import { Inject, Injectable } from '@nestjs/common';
import type { DeploymentConfig, VerosekConfig } from '@verosek/config';
import { VEROSEK_CONFIG } from '@verosek/config';
import { GatewayError } from '@verosek/protocol';
import type { Endpoint, ProviderAdapter } from '@verosek/providers';
import { providerFor } from '@verosek/providers';
import { RouteExecutor, RouteFailedError } from '@verosek/routing';
import type { Admission, Caller } from '../../access/access-control';
import { ACCESS_CONTROL, AccessControl } from '../../access/access-control';
import { AUDIT_SINK, AuditSink } from '../../pipeline/audit-sink';
import type { CallContext } from '../../pipeline/call-context';
import { ModelCatalog } from '../../pipeline/model-catalog';
import type { ShieldVerdict } from '../../pipeline/shield-gate';
import { SHIELD_GATE, ShieldGate } from '../../pipeline/shield-gate';
import { clientErrorOf } from '../../upstream/upstream-failure';
import type { CallEnd } from '../../pipeline/call-ledger';
import { CallLedger } from '../../pipeline/call-ledger';
import { MetricsService } from '../../metrics/metrics.service';
import type { Serves } from './capability';
import { passOver, requireServing } from './capability';
import { textRequest, textsOf } from './text-request';

type TextMapper = (text: string) => string;

export interface EndpointCall<T> {
  /** The capability a provider needs (its adapter's `endpoints`). */
  endpoint: Endpoint;
  /** What audit calls this endpoint (`embeddings`, `audio.transcriptions`...). */
  name: string;
  /** The model group asked for. */
  model: string;
  stream?: boolean;
  /**
   * Visits the call's texts (prompt, input, image prompt...) in a fixed order; the Shield reads
   * them before anything goes upstream and redactions are written back through the same visit.
   */
  visitTexts?: (map: TextMapper) => void;
  /** Output tokens to hold budget for (0 for embeddings). */
  maxOutputTokens?: number;
  /** Which deployments can serve the call; default: those whose provider's adapter lists `endpoint`. */
  serves?: Serves;
  /** One attempt against a deployment that can serve the call; throws AttemptFailure to fall back. */
  attempt(deployment: DeploymentConfig, adapter: ProviderAdapter): Promise<T>;
}

export interface StartedCall<T> {
  result: T;
  deployment: DeploymentConfig;
  caller: Caller;
  /** `x-verosek-deployment`, `x-verosek-attempts` and, for budgeted keys, `x-verosek-budget-remaining`. */
  headers(): Record<string, string>;
  /** Records a Shield verdict on the answer (post). */
  noteShield(verdict: ShieldVerdict): void;
  /** Settles the budget with the real usage and records the call (once; later calls do nothing). */
  finish(end?: Omit<CallEnd, 'deployment'>): Promise<void>;
}

/**
 * The one hot path of every non-chat endpoint (DESIGN §2): admit the authenticated caller
 * (allow-list, limits, budget hold), Shield pre on the call's texts, route among the deployments
 * whose provider serves the endpoint (400 naming endpoint and provider when none does), and hand
 * back the answer with a `finish` that settles and audits.
 */
@Injectable()
export class EndpointRunner {
  constructor(
    @Inject(VEROSEK_CONFIG) private readonly config: VerosekConfig,
    @Inject(ACCESS_CONTROL) private readonly access: AccessControl,
    @Inject(SHIELD_GATE) private readonly shield: ShieldGate,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly router: RouteExecutor,
    private readonly catalog: ModelCatalog,
    private readonly metrics: MetricsService,
  ) {}

  get timeoutMs(): number {
    return this.config.routing.timeoutMs;
  }

  authenticate(ctx: CallContext): Promise<Caller> {
    return this.access.authenticate(ctx.rawKey);
  }

  /** A ledger for a call answered by the gateway itself (no routing, no budget). */
  ledger(
    ctx: CallContext,
    caller: Caller,
    fields: { endpoint: string; modelGroup: string; stream: boolean },
  ): CallLedger {
    return new CallLedger(this.audit, this.metrics, ctx, caller, fields);
  }

  async run<T>(ctx: CallContext, caller: Caller, call: EndpointCall<T>): Promise<StartedCall<T>> {
    const group = this.catalog.group(call.model);
    const serves = call.serves ?? ((adapter: ProviderAdapter) => adapter.endpoints.has(call.endpoint));
    requireServing(
      [group, ...group.fallbacks.flatMap((name) => this.fallbackGroup(name))],
      call.name,
      serves,
    );

    const texts: string[] = [];
    call.visitTexts?.((text) => (texts.push(text), text));
    const request = textRequest(group.name, texts, call.stream ?? false, call.maxOutputTokens ?? 0);
    const admission = await this.access.admit(caller, group.name, request, group.deployments);
    const ledger = this.ledger(ctx, caller, {
      endpoint: call.name,
      modelGroup: group.name,
      stream: call.stream ?? false,
    });

    try {
      const { texts: _texts, ...pre } = this.shield.inspectRequest(request, caller);
      ledger.noteShield(pre);
      const redacted = textsOf(request);
      let i = 0;
      call.visitTexts?.(() => redacted[i++]);
      const routed = await this.router.execute(group.name, (deployment) => {
        const adapter = providerFor(deployment.provider);
        if (!serves(adapter, deployment)) throw passOver(deployment, call.name, group.name);
        return call.attempt(deployment, adapter);
      });
      ledger.noteAttempts(routed.attempts);
      return this.started(
        routed.result,
        routed.deployment,
        routed.attempts.length,
        caller,
        admission,
        ledger,
      );
    } catch (err) {
      const refusal = err instanceof RouteFailedError ? this.refusalOf(err, ledger) : err;
      await ledger.close(admission, { error: refusal });
      throw refusal;
    }
  }

  private started<T>(
    result: T,
    deployment: DeploymentConfig,
    attempts: number,
    caller: Caller,
    admission: Admission,
    ledger: CallLedger,
  ): StartedCall<T> {
    return {
      result,
      deployment,
      caller,
      headers: () => {
        const headers: Record<string, string> = {
          'x-verosek-deployment': deployment.id,
          'x-verosek-attempts': String(attempts),
        };
        const remaining = admission.remainingUsd();
        if (remaining !== undefined) headers['x-verosek-budget-remaining'] = remaining.toFixed(6);
        return headers;
      },
      noteShield: (verdict) => ledger.noteShield(verdict),
      finish: (end = {}) => ledger.close(admission, { ...end, deployment }),
    };
  }

  private refusalOf(err: RouteFailedError, ledger: CallLedger): GatewayError {
    ledger.noteAttempts(err.attempts);
    const info = clientErrorOf(err);
    return new GatewayError(info.kind, info.message, info);
  }

  private fallbackGroup(name: string) {
    try {
      return [this.catalog.group(name)];
    } catch {
      return [];
    }
  }
}
