import { AsyncResource } from 'node:async_hooks';

/**
 * Node's `AsyncResource#bind` (Node 20 at least) gives every bound function an `asyncResource`
 * accessor whose getter and setter are `util.deprecate` wrappers (DEP0172), and building them costs
 * ~15 us per call (a prototype change V8 does not like). Fastify binds once per request body, so every
 * call paid it. Where the accessor is there, this replaces `bind` with one of the same behaviour (the
 * function runs in the resource's async scope, with `thisArg` or the caller's `this`, and keeps
 * `fn.length`) whose `asyncResource` is a plain property: same value, no wrappers, no warning.
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
  Object.defineProperties(bound, {
    length: { configurable: true, enumerable: false, writable: false, value: fn.length },
    asyncResource: { configurable: true, enumerable: true, writable: true, value: resource },
  });
  return bound;
}
