import { BENCH_MODEL } from '../targets/gateway-config';

/**
 * Stands in the last turn of every request; the load generator writes each request's sequence number
 * over it (sequencedBodies), so that the newest turn of every call is new, as in a real conversation,
 * and no cache in a hop ever sees the same call twice.
 */
export const SEQUENCE_MARK = '#000000000';

/**
 * A typical chat call: a system prompt and a few turns, about 1 KB of JSON. The same body goes to
 * every target (the model group is named like the fake's model), so only the hop differs; only the
 * sequence number in its last turn changes from request to request.
 */
const MESSAGES = [
  {
    role: 'system',
    content:
      'You are a careful assistant for a finance team. Answer in plain English, cite the figures you use, ' +
      'and say when a figure is an estimate. Keep answers under two hundred words unless asked otherwise.',
  },
  { role: 'user', content: 'What did the last quarterly report say about revenue and costs?' },
  {
    role: 'assistant',
    content:
      'Revenue grew eight percent quarter over quarter, mostly from the enterprise plan; costs held flat ' +
      'because the new hires planned for the quarter were delayed.',
  },
  {
    role: 'user',
    content:
      'Summarise the report for the leadership meeting: the three numbers that matter, the main risk, and ' +
      'one recommendation. The meeting is on Thursday and the audience has ten minutes for this item, so ' +
      'keep it short and lead with the decision they need to make about the open roles in the sales team. ' +
      `(request ${SEQUENCE_MARK})`,
  },
];

export function requestBody(stream: boolean): string {
  return JSON.stringify({
    model: BENCH_MODEL,
    messages: MESSAGES,
    temperature: 0.2,
    max_tokens: 300,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}
