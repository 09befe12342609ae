import { cooldownStoreContract } from './cooldown-store.contract';
import { InProcessCooldownStore } from './in-process-cooldown-store';

cooldownStoreContract('in-process', async () => {
  const store = new InProcessCooldownStore();
  return { a: store, b: store, close: async () => undefined };
});
