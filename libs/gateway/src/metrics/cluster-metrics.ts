import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * With VEROSEK_WORKERS > 1 a scrape of /metrics reaches one worker. Its own counters would make every
 * scrape show another worker's totals (rate() then sees counters jump). So a worker asks the primary,
 * which gathers every worker's metrics through prom-client's cluster support and sums them (gauges of
 * shared state use their own aggregator: see MetricsService).
 */
const REQUEST = 'verosek-metrics-request';
const ANSWER = 'verosek-metrics-answer';
/** prom-client waits this long for the workers; the worker waits a little longer for the primary. */
const WORKER_WAIT_MS = 6_000;

interface Request {
  type: typeof REQUEST;
  id: number;
}

interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/** In the primary: answers every worker's request with the metrics of all workers together. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: Partial<Request>) => {
    if (message?.type !== REQUEST || typeof message.id !== 'number') return;
    const { id } = message;
    const reply = (answer: Omit<Answer, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: ANSWER, id, ...answer } satisfies Answer);
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (err: Error) => reply({ error: err.message }),
    );
  });
}

/** In a worker: the primary's aggregation is served instead of this registry alone. */
export class ClusterMetricsClient {
  private nextId = 0;
  private readonly waiting = new Map<number, (answer: Answer) => void>();

  constructor(registry: Registry) {
    // Makes prom-client answer the primary's requests for this worker's metrics, from this registry.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([registry]);
    process.on('message', (message: Partial<Answer>) => {
      if (message?.type !== ANSWER || typeof message.id !== 'number') return;
      this.waiting.get(message.id)?.(message as Answer);
    });
  }

  exposition(): Promise<string> {
    const id = ++this.nextId;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => settle({ type: ANSWER, id, error: 'the primary did not answer' }),
        WORKER_WAIT_MS,
      );
      const settle = (answer: Answer) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(`metrics of all workers not available: ${answer.error}`));
      };
      this.waiting.set(id, settle);
      process.send!({ type: REQUEST, id } satisfies Request);
    });
  }
}
