import { DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM, streamName, type EventContract, type ServiceName } from '@congress/contracts';

/**
 * Maps contract names to the names on the wire. In production the namespace is empty and
 * subjects are exactly the contract's names. Tests (and several environments sharing one NATS)
 * set a namespace so that their subjects and streams never meet.
 */
export class WireNames {
  constructor(readonly namespace = '') {
    if (namespace && !/^[A-Za-z0-9_-]+$/.test(namespace)) throw new Error(`invalid NATS namespace: ${namespace}`);
  }
  subject(name: string): string {
    return this.namespace ? `${this.namespace}.${name}` : name;
  }
  /** The contract name of a wire subject (inverse of `subject`). */
  unprefix(subject: string): string {
    return this.namespace && subject.startsWith(`${this.namespace}.`) ? subject.slice(this.namespace.length + 1) : subject;
  }
  stream(name: string): string {
    return this.namespace ? `${this.namespace.toUpperCase().replace(/-/g, '_')}_${name}` : name;
  }
  eventStream(service: ServiceName): string {
    return this.stream(streamName(service));
  }
  deadLetterStream(): string {
    return this.stream(DEAD_LETTER_STREAM);
  }
  deadLetterSubject(consumer: string, event: EventContract): string {
    return this.subject(`${DEAD_LETTER_PREFIX}.${consumer}.${event.name}`);
  }
  /**
   * Where the service's replies (and JetStream's answers) come back: an inbox prefix of its own,
   * so its NATS permissions let it read its own replies and no one else's.
   */
  inboxPrefix(service: ServiceName | 'harness'): string {
    return this.namespace ? `_INBOX_${this.namespace}_${service}` : `_INBOX_${service}`;
  }
  /** Durable consumer name: one per (consuming service, event), shared by the service's replicas. */
  durable(service: ServiceName, event: EventContract): string {
    return `${service}--${event.name.replace(/\./g, '_')}`;
  }
}
