export * from './shared/problem.js';
export * from './shared/common.js';
export * from './shared/define.js';
export * from './shared/ports.js';
export * from './directory/directory.contracts.js';
export * from './projects/project.contracts.js';
export * from './registry.js';
