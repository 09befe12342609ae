/** What a contract suite needs from the adapter under test. */
export interface PortUnderTest<P> {
  port: P;
  /**
   * Every key, channel and queue name the suite makes starts with this, so a run against a shared Redis
   * neither collides with another run nor leaves anything behind. No `:` (BullMQ queue names forbid it).
   */
  namespace: string;
  close(): Promise<void>;
}

export type PortFactory<P> = () => Promise<PortUnderTest<P>>;

/** Sets up the port before the suite, closes it after, and hands out unique names. */
export function usePort<P>(factory: PortFactory<P>): { port(): P; name(label: string): string } {
  let subject: PortUnderTest<P> | undefined;
  let counter = 0;
  beforeAll(async () => {
    subject = await factory();
  });
  afterAll(async () => {
    await subject?.close();
  });
  const current = (): PortUnderTest<P> => {
    if (!subject) throw new Error('port factory has not run');
    return subject;
  };
  return {
    port: () => current().port,
    name: (label) => `${current().namespace}${label}-${++counter}`,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `check` until it stops throwing; rethrows its last error after timeoutMs. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(20);
    }
  }
}

/** A promise with its resolve function, for handlers that tests release by hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
