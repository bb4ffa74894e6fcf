import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_EVENTS, ALL_REQUESTS, SERVICES, callsOf, consumedBy, type ServiceName } from '@congress/contracts';
import { WireNames, connectNatsAs, ensureEventStream, jetstreamManager, servicePermissions, type NatsConnection } from '@congress/messaging';
import { connectTestNats, createTestNamespace, natsIdentityEnv, testNatsAccount, testServers } from '@congress/testing';
import { encodeUser, fmtCreds } from '@nats-io/jwt';
import { createAccount, createUser } from '@nats-io/nkeys';
import { connect } from '@nats-io/transport-node';

/**
 * The message bus as an attacker inside the cluster meets it (docs/security/threat-model.md): no
 * connection without credentials of the platform's account, and with a service's own credentials
 * (minted from the same permission table production uses) nothing beyond what the contracts give
 * that service — no other service's requests, no event it does not produce, no subscription to
 * another service's requests, replies or events, no JetStream access to streams it does not consume.
 */
describe('NATS permissions (real nats-server, operator mode)', () => {
  const ns = createTestNamespace();
  const wire = new WireNames(ns.namespace);
  const covered = { services: 0, publish: 0, subscribe: 0, jetstream: 0, allowed: 0 };

  beforeAll(async () => {
    // Every producer's stream exists, as in a running platform.
    const harness = await connectTestNats(ns.namespace);
    const jsm = await jetstreamManager(harness);
    for (const producer of new Set(ALL_EVENTS.map((e) => e.producer))) await ensureEventStream(jsm, wire, producer, { replicas: 1, maxAgeDays: 1 });
    await harness.close();
  });

  afterAll(async () => {
    await ns.cleanup();
    console.log(
      `NATS permissions: ${covered.services} service users; ${covered.publish} publishes, ${covered.subscribe} subscriptions and ${covered.jetstream} JetStream API calls refused; ${covered.allowed} allowed controls passed`,
    );
  });

  it('refuses a connection without credentials', async () => {
    await expect(connect({ servers: testServers().natsUrl, reconnect: false })).rejects.toThrow(/Authorization Violation/);
  });

  it('refuses credentials that the platform account did not sign, even with every permission', async () => {
    const stranger = createAccount();
    const user = createUser();
    const jwt = await encodeUser('stranger', user, testNatsAccount().account, { pub: { allow: ['>'] }, sub: { allow: ['>'] } }, { signer: stranger });
    const creds = new TextDecoder().decode(fmtCreds(jwt, user));
    await expect(connectNatsAs({ url: testServers().natsUrl, creds, name: 'stranger', inboxPrefix: '_INBOX_stranger' })).rejects.toThrow(/Authorization Violation/);
  });

  it('refuses credentials whose permissions were widened after signing', async () => {
    const { NATS_CREDS } = await natsIdentityEnv('gateway', ns.namespace);
    const jwt = /-----BEGIN NATS USER JWT-----\n(\S+)\n/.exec(NATS_CREDS)![1]!;
    const [header, claims, signature] = jwt.split('.') as [string, string, string];
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { nats: { pub: { allow: string[] }; sub: { allow: string[] } } };
    decoded.nats.sub.allow = ['>'];
    const widened = `${header}.${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
    const creds = NATS_CREDS.replace(jwt, widened);
    await expect(connectNatsAs({ url: testServers().natsUrl, creds, name: 'widened', inboxPrefix: wire.inboxPrefix('gateway') })).rejects.toThrow(/Authorization Violation/);
  });

  /** Connects as `service` and records every permission violation the server reports, by subject. */
  async function connectAs(service: ServiceName): Promise<{ nc: NatsConnection; refused: Set<string>; settle(): Promise<void> }> {
    const { NATS_CREDS } = await natsIdentityEnv(service, ns.namespace);
    const nc = await connectNatsAs({ url: testServers().natsUrl, creds: NATS_CREDS, name: `${service}-probe`, inboxPrefix: wire.inboxPrefix(service) });
    const refused = new Set<string>();
    void (async () => {
      for await (const status of nc.status()) {
        const match = status.type === 'error' ? /Permissions Violation for (?:Publish|Subscription) to "([^"]+)"/.exec(String(status.error)) : null;
        if (match) refused.add(match[1]!);
      }
    })();
    return {
      nc,
      refused,
      settle: async () => {
        await nc.flush();
        await new Promise((r) => setTimeout(r, 300));
        await nc.flush();
      },
    };
  }

  for (const service of SERVICES) {
    it(`${service}: may publish only what it calls, produces and consumes, and subscribe only to its own subjects`, async () => {
      const { nc, refused, settle } = await connectAs(service);
      const permissions = servicePermissions(service, wire);
      try {
        // Publishing: every request subject it does not call, every event it does not produce (a forged event).
        const notCalled = ALL_REQUESTS.filter((r) => !callsOf(service).includes(r)).map((r) => wire.subject(r.subject));
        const notProduced = ALL_EVENTS.filter((e) => e.producer !== service).map((e) => wire.subject(e.name));
        const deniedPublishes = [...notCalled, ...notProduced, wire.subject('dlq.someone-else.x'), '_INBOX_gateway.reply', `${wire.inboxPrefix('gateway')}.reply`];
        for (const subject of deniedPublishes) nc.publish(subject, 'probe');

        // JetStream: reading or changing a stream whose events it does not consume, deleting or purging any.
        const consumedStreams = new Set(consumedBy(service).map((e) => wire.eventStream(e.producer)));
        const foreignStreams = [...new Set(ALL_EVENTS.map((e) => wire.eventStream(e.producer)))].filter((s) => !consumedStreams.has(s) && s !== wire.eventStream(service));
        const deniedJetStream = [
          // On a stream it does consume: no consumer but its own durable, and that one only with its own filter.
          ...consumedBy(service).flatMap((e) => {
            const s = wire.eventStream(e.producer);
            const durable = wire.durable(service, e);
            return [`$JS.API.CONSUMER.CREATE.${s}.spy`, `$JS.API.CONSUMER.CREATE.${s}.${durable}`, `$JS.API.CONSUMER.CREATE.${s}.${durable}.${wire.subject('>')}`, `$JS.API.CONSUMER.DURABLE.CREATE.${s}.${durable}`, `$JS.API.CONSUMER.MSG.NEXT.${s}.spy`];
          }),
          ...foreignStreams.flatMap((s) => [`$JS.API.CONSUMER.CREATE.${s}.spy`, `$JS.API.CONSUMER.MSG.NEXT.${s}.spy`, `$JS.API.STREAM.INFO.${s}`, `$JS.API.DIRECT.GET.${s}`, `$JS.API.STREAM.MSG.GET.${s}`]),
          ...[...new Set(ALL_EVENTS.map((e) => wire.eventStream(e.producer)))].flatMap((s) => [`$JS.API.STREAM.DELETE.${s}`, `$JS.API.STREAM.PURGE.${s}`, `$JS.API.STREAM.UPDATE.${s}`].filter((subject) => !permissions.pub.allow.includes(subject))),
          `$JS.API.STREAM.LIST`,
        ];
        for (const subject of deniedJetStream) nc.publish(subject, '{}');

        // Subscribing: everything, the voting service's requests (ballots), other services' inboxes, events on the core bus.
        const deniedSubscriptions = [
          '>',
          wire.subject('>'),
          ...(service === 'voting' ? [] : [wire.subject('voting.>')]),
          ...SERVICES.filter((s) => s !== service).flatMap((s) => [wire.subject(`${s}.>`), `${wire.inboxPrefix(s)}.>`]),
          ...[...new Set(ALL_EVENTS.map((e) => e.name.split('.')[0]))].map((aggregate) => wire.subject(`${aggregate}.>`)),
          '_INBOX.>',
          '$JS.>',
        ];
        for (const subject of deniedSubscriptions) nc.subscribe(subject, { callback: () => undefined });

        // Controls: what it may do passes (no violation), so the refusals above are the table's doing.
        const allowedPublishes = callsOf(service).slice(0, 5).map((r) => wire.subject(r.subject));
        for (const subject of allowedPublishes) nc.publish(subject, 'probe');
        const allowedSubscriptions = [`${wire.inboxPrefix(service)}.probe`];
        for (const subject of allowedSubscriptions) nc.subscribe(subject, { callback: () => undefined });

        await settle();
        const expected = [...deniedPublishes, ...deniedJetStream, ...deniedSubscriptions];
        expect(expected.filter((subject) => !refused.has(subject))).toEqual([]);
        expect([...allowedPublishes, ...allowedSubscriptions].filter((subject) => refused.has(subject))).toEqual([]);
        covered.services += 1;
        covered.publish += deniedPublishes.length;
        covered.jetstream += deniedJetStream.length;
        covered.subscribe += deniedSubscriptions.length;
        covered.allowed += allowedPublishes.length + allowedSubscriptions.length;
      } finally {
        await nc.close();
      }
    });
  }
});
