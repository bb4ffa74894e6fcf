export * from './naming.js';
export * from './base.entity.js';
export * from './audit.js';
export * from './data-source.js';
export * from './sql.js';
export * from './roles.js';
