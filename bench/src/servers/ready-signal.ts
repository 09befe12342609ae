/** Message a forked server process sends its parent once it listens. */
export interface ReadyMessage {
  type: 'ready';
  port: number;
}

export function isReadyMessage(message: unknown): message is ReadyMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as ReadyMessage).type === 'ready' &&
    typeof (message as ReadyMessage).port === 'number'
  );
}

/** Tells the parent the port, and closes the server when the parent asks (SIGTERM) or goes away. */
export function serveUntilStopped(port: number, close: () => Promise<void>): void {
  const stop = () => void close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  process.send?.({ type: 'ready', port } satisfies ReadyMessage);
}

/** A numeric env variable, or the fallback when unset; a bad value stops the process naming the variable. */
export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number (got ${raw})`);
  return value;
}
