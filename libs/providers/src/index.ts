export * from './provider-adapter';
export * from './provider-registry';
export * from './upstream-client';
export { ANTHROPIC_VERSION } from './anthropic.adapter';
