import { ALL_EVENTS, DEAD_LETTER_PREFIX, callsOf, consumedBy, servedBy, type ServiceName } from '@congress/contracts';
import { streamSubjects } from './streams.js';
import type { WireNames } from './wire.js';

/** A NATS user's permissions, as the server enforces them (user JWT claims `pub`, `sub`, `resp`). */
export interface NatsPermissions {
  pub: { allow: string[] };
  sub: { allow: string[] };
  /** May answer the requests it received (one reply each), without publishing to other inboxes. */
  resp?: { max: number; ttl: number };
}

const JS = '$JS.API';

/**
 * The permissions of one service, derived from the contracts (libs/contracts/src/trust.ts): what it
 * serves, what it calls, the stream it owns, the events it consumes, its own dead letters and its
 * own reply inbox. Nothing else: not another service's requests or streams, not `>`.
 */
export function servicePermissions(service: ServiceName, wire: WireNames): NatsPermissions {
  const pub = new Set<string>([`${JS}.INFO`]);
  const sub = new Set<string>([`${wire.inboxPrefix(service)}.>`]);

  // A service's request subjects all begin with its name (the registry's test checks it), so "every
  // subject of X" is `X.>`: the same rights as listing them, in a JWT that stays under the server's
  // 4 KB control line (a CONNECT longer than that is refused).
  const calls = callsOf(service);
  for (const target of new Set(calls.map((c) => c.service))) {
    const all = servedBy(target);
    if (all.every((c) => calls.includes(c))) pub.add(wire.subject(`${target}.>`));
    else for (const c of calls.filter((c) => c.service === target)) pub.add(wire.subject(c.subject));
  }
  if (servedBy(service).length > 0) sub.add(wire.subject(`${service}.>`));

  // Its own stream: create/update it at start, publish its events into it.
  if (ALL_EVENTS.some((e) => e.producer === service)) {
    const own = wire.eventStream(service);
    for (const op of ['CREATE', 'UPDATE', 'INFO']) pub.add(`${JS}.STREAM.${op}.${own}`);
    for (const subject of streamSubjects(service, wire)) pub.add(subject);
  }

  // The events it consumes: its durable consumers on the producers' streams, and nothing more.
  const consumed = consumedBy(service);
  if (consumed.length > 0) {
    const dlq = wire.deadLetterStream();
    for (const op of ['CREATE', 'UPDATE', 'INFO']) pub.add(`${JS}.STREAM.${op}.${dlq}`);
    pub.add(wire.subject(`${DEAD_LETTER_PREFIX}.${service}.>`));
  }
  for (const event of consumed) {
    const stream = wire.eventStream(event.producer);
    const durable = wire.durable(service, event);
    pub.add(`${JS}.STREAM.INFO.${stream}`);
    // Only the form that names the filter: the server then refuses a config whose filter differs, so
    // the durable reads this event and no other of the producer's stream.
    pub.add(`${JS}.CONSUMER.CREATE.${stream}.${durable}.${wire.subject(event.name)}`);
    pub.add(`${JS}.CONSUMER.INFO.${stream}.${durable}`);
    pub.add(`${JS}.CONSUMER.MSG.NEXT.${stream}.${durable}`);
    pub.add(`$JS.ACK.${stream}.${durable}.>`);
  }

  return {
    pub: { allow: [...pub].sort() },
    sub: { allow: [...sub].sort() },
    ...(servedBy(service).length > 0 ? { resp: { max: 1, ttl: 0 } } : {}),
  };
}
