import { AsyncResource } from 'node:async_hooks';

/**
 * Node's `AsyncResource#bind` (Node 20 at least) gives every bound function an `asyncResource`
 * accessor whose getter and setter are `util.deprecate` wrappers (DEP0172), and building them costs
 * ~15 us per call (a prototype change V8 does not like). Fastify binds once per request body, so every
 * call paid it. Where the accessor is there, this replaces `bind` with one that runs the function in
 * the resource's async scope as Node's does (with `thisArg`, or the caller's `this`), whose
 * `asyncResource` is a plain property (same value, no wrappers, no warning), and which leaves the
 * bound function's `length` at 0 (Node sets it to `fn.length`; nothing in this process reads it).
 * Where Node has dropped the property (DEP0172 end of life), nothing is replaced.
 *
 * Returns whether it replaced `bind`.
 */
export function installLeanAsyncResourceBind(): boolean {
  const probe = new AsyncResource('verosek-probe').bind(() => undefined);
  if (typeof Object.getOwnPropertyDescriptor(probe, 'asyncResource')?.get !== 'function') return false;
  AsyncResource.prototype.bind = function bind<Func extends (...args: never[]) => unknown>(
    this: AsyncResource,
    fn: Func,
    thisArg?: unknown,
  ): Func {
    if (typeof fn !== 'function') throw new TypeError('The "fn" argument must be of type function');
    return boundInScope(this, fn as unknown as (...args: unknown[]) => unknown, thisArg) as unknown as Func;
  };
  return true;
}

function boundInScope(
  resource: AsyncResource,
  fn: (...args: unknown[]) => unknown,
  thisArg: unknown,
): (...args: unknown[]) => unknown {
  const bound =
    thisArg === undefined
      ? function (this: unknown, ...args: unknown[]) {
          return resource.runInAsyncScope(fn, this, ...args);
        }
      : (...args: unknown[]) => resource.runInAsyncScope(fn, thisArg, ...args);
  // A plain assignment: redefining the function's own properties (Node also resets `length`) costs
  // as much again as the call it wraps.
  (bound as typeof bound & { asyncResource: AsyncResource }).asyncResource = resource;
  return bound;
}
