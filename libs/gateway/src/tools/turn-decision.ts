import type { CanonicalResponse, CanonicalStreamEvent } from '@verosek/protocol';
import { GatewayError, StreamCollector } from '@verosek/protocol';
import type { OpenedChat } from '../upstream/chat-upstream';

/** A model turn is either the answer for the client, or tool calls the gateway runs itself. */
export type TurnDecision =
  { final: true; opened: OpenedChat } | { final: false; response: CanonicalResponse };

/**
 * Decides a turn. Plain answers are read whole. A stream is read only until its first content
 * block: text (or an answer with none) is the client's answer and streams on untouched; tool
 * calls are read to the end, and only a turn calling nothing but gateway tools stays internal
 * (anything else is replayed to the client). A turn that starts with text and calls a gateway
 * tool after it therefore reaches the client as is.
 */
export async function decideTurn(
  opened: OpenedChat,
  owned: (name: string) => boolean,
): Promise<TurnDecision> {
  if (!opened.stream) {
    return callsOnlyOwned(opened.response, owned)
      ? { final: false, response: opened.response }
      : { final: true, opened };
  }
  const seen: CanonicalStreamEvent[] = [];
  const pending = [...opened.head];
  const next = async (): Promise<CanonicalStreamEvent | undefined> => {
    if (pending.length) return pending.shift();
    const item = await opened.rest.next();
    return item.done ? undefined : item.value;
  };
  const handBack = (): TurnDecision => ({ final: true, opened: { ...opened, head: [...seen, ...pending] } });

  for (let event = await next(); event; event = await next()) {
    seen.push(event);
    if (event.type === 'text-start' || event.type === 'error' || event.type === 'finish') return handBack();
    if (event.type !== 'tool-call-start') continue;
    for (let rest = await next(); rest; rest = await next()) seen.push(rest);
    const collector = new StreamCollector().addAll(seen);
    const response = collector.result();
    if (collector.error || !collector.complete || !callsOnlyOwned(response, owned)) {
      return { final: true, opened: { ...opened, head: seen, rest: noEvents() } };
    }
    return { final: false, response };
  }
  throw new GatewayError('api_error', 'upstream stream ended without an answer', { status: 502 });
}

function callsOnlyOwned(response: CanonicalResponse, owned: (name: string) => boolean): boolean {
  const calls = response.content.filter((p) => p.type === 'tool_call');
  return calls.length > 0 && calls.every((c) => owned(c.name));
}

async function* noEvents(): AsyncGenerator<CanonicalStreamEvent> {}
