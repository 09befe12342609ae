import type { CanonicalStreamEvent } from '@verosek/protocol';
import type { ShieldPolicy } from '@verosek/shield';
import { StreamRedactor } from '@verosek/shield';
import type { ShieldVerdict, StreamShield } from '../pipeline/shield-gate';
import { shieldBlocked } from './shield-blocked';

interface Block {
  kind: 'text' | 'tool';
  redactor: StreamRedactor;
}

function delta(kind: Block['kind'], index: number, text: string): CanonicalStreamEvent {
  return kind === 'text'
    ? { type: 'text-delta', index, text }
    : { type: 'tool-call-delta', index, argumentsDelta: text };
}

/** A text delta's signature (Gemini thought signatures) must reach the client even when its text is held back. */
function withSignature(
  events: CanonicalStreamEvent[],
  index: number,
  signature: string | undefined,
): CanonicalStreamEvent[] {
  if (!signature) return events;
  if (events.length === 0) return [{ type: 'text-delta', index, text: '', signature }];
  return events.map((e) => (e.type === 'text-delta' ? { ...e, signature } : e));
}

/**
 * Shield post on a stream: one sliding-window redactor per text / tool-arguments block, so a secret
 * split across chunks is still caught while the rest flows. A held-back tail is released before its
 * block ends. A blocked finding ends the stream with a `shield_blocked` error event.
 */
export class RedactingStreamShield implements StreamShield {
  readonly passive = false;
  private readonly blocks = new Map<number, Block>();
  private blocked = false;

  constructor(private readonly policy: ShieldPolicy) {}

  filter(event: CanonicalStreamEvent): CanonicalStreamEvent[] {
    if (this.blocked) return [];
    switch (event.type) {
      case 'text-delta':
        return withSignature(this.feed('text', event.index, event.text), event.index, event.signature);
      case 'tool-call-delta':
        return this.feed('tool', event.index, event.argumentsDelta);
      case 'block-end':
        return [...this.release(event.index), event];
      case 'finish':
      case 'error':
        // Text the upstream produced before it finished (or failed) is released, then the event.
        return [...[...this.blocks.keys()].flatMap((index) => this.release(index)), event];
      default:
        return [event];
    }
  }

  verdict(): ShieldVerdict {
    const counts = new Map<string, number>();
    let redacted = false;
    for (const { redactor } of this.blocks.values()) {
      redacted ||= redactor.verdict === 'redact';
      for (const s of redactor.summary()) counts.set(s.type, (counts.get(s.type) ?? 0) + s.count);
    }
    const verdict = this.blocked ? 'block' : redacted ? 'redact' : counts.size ? 'log' : 'allow';
    return { direction: 'post', verdict, findings: [...counts].map(([type, count]) => ({ type, count })) };
  }

  private feed(kind: Block['kind'], index: number, text: string): CanonicalStreamEvent[] {
    let block = this.blocks.get(index);
    if (!block) {
      block = { kind, redactor: new StreamRedactor({ policy: this.policy, direction: 'post' }) };
      this.blocks.set(index, block);
    }
    const safe = block.redactor.push(text);
    if (block.redactor.verdict === 'block') return this.block(block.redactor);
    return safe ? [delta(kind, index, safe)] : [];
  }

  private release(index: number): CanonicalStreamEvent[] {
    const block = this.blocks.get(index);
    if (!block) return [];
    const rest = block.redactor.flush();
    if (block.redactor.verdict === 'block') return this.block(block.redactor);
    return rest ? [delta(block.kind, index, rest)] : [];
  }

  private block(redactor: StreamRedactor): CanonicalStreamEvent[] {
    this.blocked = true;
    return [{ type: 'error', error: shieldBlocked('post', redactor.blockedTypes).info }];
  }
}
