import { setTimeout as sleep } from 'node:timers/promises';
import { ALL_EVENTS, DEAD_LETTER_PREFIX, type ServiceName } from '@congress/contracts';
import { JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { WireNames } from './wire.js';

export interface StreamSettings {
  /** Stream replicas (NATS_STREAM_REPLICAS): 1 on one server, 3 on a production cluster. */
  replicas: number;
  /** How long events are kept. */
  maxAgeDays: number;
}

const NANOS_PER_DAY = 86_400n * 1_000_000_000n;

/** The subjects of a service's event stream: `<aggregate>.>` for every aggregate it publishes about. */
export function streamSubjects(service: ServiceName, wire: WireNames): string[] {
  const aggregates = new Set(ALL_EVENTS.filter((e) => e.producer === service).map((e) => e.name.split('.')[0]));
  return [...aggregates].sort().map((a) => wire.subject(`${a}.>`));
}

async function upsertStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string; subjects: string[] }): Promise<void> {
  try {
    const info = await jsm.streams.info(config.name);
    const have = [...(info.config.subjects ?? [])].sort().join(',');
    if (have !== [...config.subjects].sort().join(',')) {
      await jsm.streams.update(config.name, { ...info.config, subjects: config.subjects });
    }
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
      await jsm.streams.add(config);
      return;
    }
    throw error;
  }
}

/**
 * Creates or updates a producer's stream. Both producers and consumers call it with the same
 * config from the contracts, so whichever service starts first creates the stream.
 */
export async function ensureEventStream(jsm: JetStreamManager, wire: WireNames, service: ServiceName, settings: StreamSettings): Promise<string | null> {
  const subjects = streamSubjects(service, wire);
  if (subjects.length === 0) return null;
  const name = wire.eventStream(service);
  await upsertStream(jsm, {
    name,
    subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: settings.replicas,
    max_age: Number(BigInt(settings.maxAgeDays) * NANOS_PER_DAY),
    duplicate_window: 2 * 60 * 1_000_000_000, // Nats-Msg-Id dedupe window: 2 minutes
  });
  return name;
}

export async function streamExists(jsm: JetStreamManager, name: string): Promise<boolean> {
  try {
    await jsm.streams.info(name);
    return true;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return false;
    throw error;
  }
}

/**
 * The name of a producer's stream, once it exists. A consumer may not create another service's
 * stream (its NATS permissions allow only STREAM.INFO there): until the producer has started once,
 * the consumer waits, saying what for.
 */
export async function awaitEventStream(jsm: JetStreamManager, wire: WireNames, producer: ServiceName, options: { onWait?: (stream: string) => void; signal?: AbortSignal } = {}): Promise<string> {
  const name = wire.eventStream(producer);
  for (let attempt = 0; ; attempt++) {
    if (await streamExists(jsm, name)) return name;
    if (options.signal?.aborted) throw new Error(`stopped while waiting for stream ${name}`);
    if (attempt % 20 === 0) options.onWait?.(name);
    await sleep(Math.min(250 * (attempt + 1), 3000), undefined, { signal: options.signal }).catch(() => undefined);
    if (options.signal?.aborted) throw new Error(`stopped while waiting for stream ${name}`);
  }
}

export async function ensureDeadLetterStream(jsm: JetStreamManager, wire: WireNames, settings: StreamSettings): Promise<void> {
  await upsertStream(jsm, {
    name: wire.deadLetterStream(),
    subjects: [wire.subject(`${DEAD_LETTER_PREFIX}.>`)],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: settings.replicas,
    max_age: Number(BigInt(90) * NANOS_PER_DAY),
  });
}
