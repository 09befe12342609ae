import { AsyncLocalStorage, AsyncResource, executionAsyncId } from 'node:async_hooks';
import { installLeanAsyncResourceBind } from './lean-async-resource-bind';

describe('installLeanAsyncResourceBind', () => {
  const original = AsyncResource.prototype.bind;
  const nodeHasDeprecatedAccessor =
    typeof Object.getOwnPropertyDescriptor(
      new AsyncResource('t').bind(() => 0),
      'asyncResource',
    )?.get === 'function';
  let installed: boolean;

  beforeAll(() => {
    installed = installLeanAsyncResourceBind();
  });
  afterAll(() => {
    AsyncResource.prototype.bind = original;
  });

  it("replaces bind exactly when Node's has the deprecated asyncResource accessor", () => {
    expect(installed).toBe(nodeHasDeprecatedAccessor);
    expect(AsyncResource.prototype.bind === original).toBe(!nodeHasDeprecatedAccessor);
  });

  it("runs the bound function in the resource's async scope, not the caller's", () => {
    const storage = new AsyncLocalStorage<string>();
    const resource = storage.run('where the resource was made', () => new AsyncResource('test'));
    const bound = resource.bind(() => [storage.getStore(), executionAsyncId()]);
    expect(storage.run('where it is called', bound)).toEqual([
      'where the resource was made',
      resource.asyncId(),
    ]);
    const viaStatic = storage.run('made', () => AsyncResource.bind(() => storage.getStore()));
    expect(storage.run('called', viaStatic)).toBe('made');
  });

  it("passes arguments and the caller's this, or thisArg when given; returns the result", () => {
    const resource = new AsyncResource('test');
    function add(this: { base: number } | undefined, a: number, b: number) {
      return (this?.base ?? 0) + a + b;
    }
    const bound = resource.bind(add);
    expect(bound.call({ base: 10 }, 1, 2)).toBe(13);
    // Node takes a thisArg; @types/node does not declare it.
    const bindWithThis = resource.bind.bind(resource) as unknown as (
      fn: typeof add,
      thisArg: object,
    ) => typeof add;
    const withThis = bindWithThis(add, { base: 100 });
    expect(withThis.call({ base: 10 }, 1, 2)).toBe(103);
  });

  it('keeps asyncResource on the bound function, without a deprecation warning', () => {
    const warn = jest.spyOn(process, 'emitWarning');
    try {
      const resource = new AsyncResource('test');
      const bound = resource.bind(() => 0) as (() => number) & { asyncResource: AsyncResource };
      expect(bound.asyncResource).toBe(installed ? resource : undefined);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses what is not a function', () => {
    expect(() => new AsyncResource('test').bind(42 as never)).toThrow(TypeError);
  });
});
