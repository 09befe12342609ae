import type { CreatedKeyView, KeyView, RotatedKeyView } from '@verosek/contracts';
import { MASTER_KEY } from './gateway-harness';

/** The gateway's admin API over HTTP with the master key; a non-2xx answer throws with its body. */
export class AdminClient {
  constructor(private readonly gatewayUrl: string) {}

  createKey(body: Record<string, unknown>): Promise<CreatedKeyView> {
    return this.call('POST', '/admin/keys', body);
  }

  getKey(id: string): Promise<KeyView> {
    return this.call('GET', `/admin/keys/${id}`);
  }

  rotateKey(id: string, graceSeconds: number): Promise<RotatedKeyView> {
    return this.call('POST', `/admin/keys/${id}/rotate`, { grace_seconds: graceSeconds });
  }

  revokeKey(id: string): Promise<KeyView> {
    return this.call('POST', `/admin/keys/${id}/revoke`);
  }

  /** Any admin GET (audit, spend), path with its query string. */
  get<T>(path: string): Promise<T> {
    return this.call('GET', path);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${MASTER_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}

/** Polls `check` until it holds (every 50 ms, up to `timeoutMs`), else throws naming `what`. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
