import { Injectable } from '@nestjs/common';
import type { CanonicalStreamEvent } from '@verosek/protocol';
import type { ShieldGate, ShieldVerdict, StreamShield } from './shield-gate';

const ALLOW_PRE: ShieldVerdict = { direction: 'pre', verdict: 'allow', findings: [] };
const ALLOW_POST: ShieldVerdict = { direction: 'post', verdict: 'allow', findings: [] };

/** Lets everything through; replaced by the Shield library's gate. */
@Injectable()
export class PassShieldGate implements ShieldGate {
  inspectRequest(): ShieldVerdict {
    return ALLOW_PRE;
  }
  inspectResponse(): ShieldVerdict {
    return ALLOW_POST;
  }
  streamShield(): StreamShield {
    return { filter: (e: CanonicalStreamEvent) => [e], verdict: () => ALLOW_POST };
  }
}
