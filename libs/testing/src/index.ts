export * from './env.js';
export * from './identity.js';
export * from './processes.js';
export * from './factories.js';
export * from './problems.js';
