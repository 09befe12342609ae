import type { PassthroughRules } from '../codec';
import { isObject } from '../util/wire-reader';

/**
 * OpenAI sends stream usage only when asked (`stream_options.include_usage`): the gateway always
 * asks, to meter the call, and hides the extra usage-only chunk from a client that did not.
 */
export const openAIChatPassthrough: PassthroughRules = {
  request(body, providerModel) {
    const upstream: Record<string, unknown> = { ...body, model: providerModel };
    if (body.stream === true) {
      const options = isObject(body.stream_options) ? body.stream_options : {};
      upstream.stream_options = { ...options, include_usage: true };
    }
    return upstream;
  },
  hides: (events, clientAskedUsage) =>
    !clientAskedUsage && events.length > 0 && events.every((event) => event.type === 'usage'),
};
