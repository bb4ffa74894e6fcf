export * from './access.js';
export * from './jwt.js';
