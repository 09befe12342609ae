import { startBareProxy } from '../proxy/bare-proxy';
import { serveUntilStopped } from './ready-signal';

/** Forked by the bench: the bare pass-through proxy in a process of its own. */
const origin = process.env.BENCH_UPSTREAM_ORIGIN;
if (!origin) {
  console.error('bare proxy: BENCH_UPSTREAM_ORIGIN must be set (e.g. http://127.0.0.1:9001)');
  process.exit(1);
}
void startBareProxy(origin).then(
  (proxy) => serveUntilStopped(proxy.port, proxy.close),
  (err: Error) => {
    console.error(`bare proxy: ${err.message}`);
    process.exit(1);
  },
);
