export * from './config.js';
export * from './runtime.js';
export * from './handlers.js';
export * from './platform.module.js';
export * from './bootstrap.js';
