import { exportOf, loadLib } from './lib-loader';
import { rowOf, type MicroOptions, type MicroResult } from './micro-result';
import { timeCalls } from './time-calls';

interface Authenticator {
  authenticate(rawKey: string): Promise<{ keyId: string }>;
}
interface RecordCache {
  onModuleInit(): Promise<void>;
  onModuleDestroy(): Promise<void>;
}
interface FakeKeys {
  addKey(): { rawKey: string };
  lookups: number;
}
type Ctor<T> = new (...args: unknown[]) => T;

/**
 * Key check with a warm cache: parse `vsk_<id>_<secret>`, in-process LRU hit, constant-time compare of
 * the secret's salted hash, TTL and revocation checks (KeyAuthenticator over KeyRecordCache). The cold
 * path (Redis, keys-service) is measured end to end by the gateway runs, not here.
 */
export async function keyCheckMicro(options: MicroOptions): Promise<MicroResult> {
  const keys = loadLib('keys');
  const platform = loadLib('platform');
  const KeyAuthenticator = exportOf<Ctor<Authenticator>>(keys, 'keys', 'KeyAuthenticator');
  const KeyRecordCache = exportOf<Ctor<RecordCache>>(keys, 'keys', 'KeyRecordCache');
  const FakeKeysClient = exportOf<Ctor<FakeKeys>>(
    loadLib('keys', 'testing/fake-keys-client'),
    'keys',
    'FakeKeysClient',
  );
  const InProcessCache = exportOf<Ctor<object>>(platform, 'platform', 'InProcessCache');
  const InProcessPubSub = exportOf<Ctor<object>>(platform, 'platform', 'InProcessPubSub');

  const store = new FakeKeysClient();
  const records = new KeyRecordCache(new InProcessCache(), new InProcessPubSub(), store);
  await records.onModuleInit();
  try {
    const auth = new KeyAuthenticator(records);
    const { rawKey } = store.addKey();
    await auth.authenticate(rawKey); // fills the cache
    const timings = await timeCalls(() => auth.authenticate(rawKey), {
      calls: options.quick ? 5_000 : 50_000,
      warmup: options.quick ? 1_000 : 10_000,
    });
    if (store.lookups !== 1)
      throw new Error(`the key was looked up ${store.lookups} times: the cache was not warm`);
    return {
      name: 'key check',
      status: 'ok',
      rows: [rowOf('virtual key check, warm in-process cache', timings.perCallNs)],
      notes: [],
    };
  } finally {
    await records.onModuleDestroy();
  }
}
