export * from './blob-store.js';
export * from './postgres-blob-store.js';
export * from './s3-blob-store.js';
export * from './config.js';
export * from './sniff.js';
