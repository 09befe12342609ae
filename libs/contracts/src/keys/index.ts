export * from './key-patterns';
export * from './key-requests';
export * from './key-views';
export * from './keys-client';
