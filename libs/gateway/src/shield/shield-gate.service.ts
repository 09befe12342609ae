import { Inject, Injectable } from '@nestjs/common';
import type { VerosekConfig } from '@verosek/config';
import { ConfigError, VEROSEK_CONFIG } from '@verosek/config';
import type { CanonicalRequest, CanonicalResponse, CanonicalStreamEvent } from '@verosek/protocol';
import type { EvaluateResult, ShieldPolicy } from '@verosek/shield';
import {
  actionFor,
  ENTITY_TYPES,
  evaluate,
  mergePolicy,
  parsePolicyOverride,
  ShieldPolicyError,
  validateShieldPolicy,
} from '@verosek/shield';
import type { Caller } from '../access/access-control';
import type { RequestVerdict, ShieldGate, ShieldVerdict, StreamShield } from '../pipeline/shield-gate';
import { collectTexts, mapPartsText, mapRequestText } from './canonical-texts';
import { shieldBlocked } from './shield-blocked';
import { RedactingStreamShield } from './stream-shield';

const ALLOW_POST: ShieldVerdict = { direction: 'post', verdict: 'allow', findings: [] };
const PASS_STREAM: StreamShield = {
  passive: true,
  filter: (e: CanonicalStreamEvent) => [e],
  verdict: () => ALLOW_POST,
};

/**
 * The config's Shield policy (merged with the caller key's override) applied to every text a call
 * carries, before (pre) and after (post) the LLM. Block throws `shield_blocked`; redact rewrites the
 * texts in place; a Shield failure follows the policy's fail_mode (closed by default).
 */
@Injectable()
export class ShieldGateService implements ShieldGate {
  private readonly policy: ShieldPolicy;
  private readonly postOff: boolean;
  /** Merged once per key: the override object lives as long as the key cache holds the key's record. */
  private readonly merged = new WeakMap<object, ShieldPolicy>();

  constructor(@Inject(VEROSEK_CONFIG) config: VerosekConfig) {
    try {
      this.policy = validateShieldPolicy(config.shield, 'shield');
    } catch (err) {
      if (err instanceof ShieldPolicyError)
        throw new ConfigError(config.source, err.field, err.message.slice(err.field.length + 2));
      throw err;
    }
    this.postOff = isOff(this.policy, 'post');
  }

  inspectRequest(request: CanonicalRequest, caller: Caller): RequestVerdict {
    const policy = this.policyFor(caller);
    const texts = collectTexts((map) => mapRequestText(request, map));
    const result = evaluate(texts.texts, policy, 'pre');
    const verdict = this.apply(result, 'pre', texts.writeBack);
    return { ...verdict, texts: result.verdict === 'redact' ? result.texts : texts.texts };
  }

  inspectResponse(response: CanonicalResponse, caller: Caller): ShieldVerdict {
    if (this.postOff && !caller.shieldOverride) return ALLOW_POST;
    const texts = collectTexts((map) => mapPartsText(response.content, map));
    const result = evaluate(texts.texts, this.policyFor(caller), 'post');
    return this.apply(result, 'post', texts.writeBack);
  }

  streamShield(caller: Caller): StreamShield {
    if (this.postOff && !caller.shieldOverride) return PASS_STREAM;
    return new RedactingStreamShield(this.policyFor(caller));
  }

  private policyFor(caller: Caller): ShieldPolicy {
    const override = caller.shieldOverride;
    if (!override) return this.policy;
    if (typeof override !== 'object') return this.merge(override);
    let policy = this.merged.get(override);
    if (!policy) this.merged.set(override, (policy = this.merge(override)));
    return policy;
  }

  private merge(override: unknown): ShieldPolicy {
    return mergePolicy(this.policy, parsePolicyOverride(override, 'key.shield'));
  }

  private apply(
    result: EvaluateResult,
    direction: 'pre' | 'post',
    writeBack: (texts: string[]) => void,
  ): ShieldVerdict {
    if (result.verdict === 'block') throw shieldBlocked(direction, result.blockedTypes, result.error);
    if (result.verdict === 'redact') writeBack(result.texts);
    const verdict = result.verdict === 'allow' && result.findings.length ? 'log' : result.verdict;
    return { direction, verdict, findings: result.findings.map(({ type, count }) => ({ type, count })) };
  }
}

function isOff(policy: ShieldPolicy, direction: 'pre' | 'post'): boolean {
  return ENTITY_TYPES.every((type) => actionFor(policy, type, direction) === 'off');
}
