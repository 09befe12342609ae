export * from './config.types';
export * from './config-error';
export * from './parse-config';
export * from './load-config';
export * from './env';
export * from './config.module';
export { DEFAULT_API_BASE } from './provider-defaults';
export * from './service-app';
