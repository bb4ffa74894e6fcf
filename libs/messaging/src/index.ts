export * from './wire.js';
export * from './streams.js';
export * from './rpc.js';
export * from './outbox.js';
export * from './consumer.js';
export { connect as connectNats } from '@nats-io/transport-node';
export type { NatsConnection } from '@nats-io/transport-node';
export { jetstream, jetstreamManager } from '@nats-io/jetstream';
export type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
