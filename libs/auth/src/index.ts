export * from './access.js';
export * from './jwt.js';
export * from './idp-admin.js';
