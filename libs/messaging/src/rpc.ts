import { randomUUID } from 'node:crypto';
import {
  NUL_MESSAGE,
  type Actor,
  Problem,
  ProblemError,
  fieldErrorsFrom,
  findNulCharacter,
  makeProblem,
  type ParsedRequestOf,
  type RequestContract,
  type RequestOf,
  type ResponseOf,
  type ServiceName,
  callsOf,
} from '@congress/contracts';
import { SpanKind, extractTraceContext, injectTraceContext, withSpan, type Logger } from '@congress/telemetry';
import { NoRespondersError, RequestError, TimeoutError, headers as natsHeaders, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { z } from 'zod';
import { ASSERTION_MAX_LIFETIME_MS, AssertionRefused, payloadJsonOf, replayRefusal, type ActorAssertionSigner, type ActorAssertionVerifier } from './assertion.js';
import type { NonceStore } from './nonces.js';
import type { WireNames } from './wire.js';

/** What a request carries besides its payload: all of it from the verified actor assertion. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  /** Epoch milliseconds after which the caller has given up. */
  deadline: number;
}

/**
 * The wire form of a request: `{ meta: { assertion }, data }`. The actor, request id and deadline
 * travel only inside the signed assertion (assertion.ts); nothing else in meta is believed.
 */
const RequestMeta = z.object({ assertion: z.string().optional() }).catch({});

const ReplyEnvelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), problem: Problem }),
]);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface RequestOptions {
  actor: Actor;
  requestId?: string;
  /** Deadline for the whole round trip; defaults to the client's default (REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * Typed request/reply over NATS. The payload is validated before it leaves and the reply
 * after it arrives, both against the contract; failures come back as ProblemErrors.
 */
export class RpcClient {
  /**
   * @param signer makes the actor assertion every request carries (the gateway's key for users,
   * a service's own key for its own work). Without one the client cannot send anything.
   */
  constructor(
    private readonly nc: NatsConnection,
    private readonly wire: WireNames,
    private readonly defaultTimeoutMs = 5000,
    /** The calling service: it may call only what SERVICE_CALLS lists (its NATS permissions are made from it). */
    private readonly caller?: ServiceName,
    private readonly signer?: ActorAssertionSigner,
  ) {
    this.allowed = caller ? new Set(callsOf(caller)) : undefined;
  }

  /** What the caller may call, looked up once (the gateway's is every subject). */
  private readonly allowed: ReadonlySet<RequestContract> | undefined;

  async request<C extends RequestContract>(contract: C, input: RequestOf<C>, options: RequestOptions): Promise<ResponseOf<C>> {
    if (this.allowed && !this.allowed.has(contract)) {
      throw new Error(`${this.caller} may not call ${contract.subject}: add it to SERVICE_CALLS (libs/contracts/src/trust.ts), from which its NATS permissions are made`);
    }
    const parsed = contract.request.safeParse(input);
    if (!parsed.success) throw ProblemError.validation(fieldErrorsFrom(parsed.error, undefined, input));
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    if (!this.signer) throw new Error(`cannot send ${contract.subject}: this process has no actor-signing key (ACTOR_SIGNING_KEY)`);
    if (timeout > ASSERTION_MAX_LIFETIME_MS) throw new Error(`cannot send ${contract.subject}: a timeout of ${timeout} ms exceeds an actor assertion's lifetime (${ASSERTION_MAX_LIFETIME_MS} ms)`);
    const subject = this.wire.subject(contract.subject);
    const payloadJson = payloadJsonOf(parsed.data);
    const assertion = this.signer.sign({ actor: options.actor, requestId: options.requestId ?? randomUUID(), subject, payloadJson, deadline: Date.now() + timeout });
    const body = `{"meta":${JSON.stringify({ assertion })},"data":${payloadJson}}`;
    return withSpan(`${contract.subject} request`, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': contract.subject } }, async () => {
      const h = natsHeaders();
      injectTraceContext((k, v) => h.set(k, v));
      let reply: Msg;
      try {
        reply = await this.nc.request(subject, encoder.encode(body), { timeout, headers: h });
      } catch (error) {
        if (error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders())) {
          throw ProblemError.of('unavailable', `服务 ${contract.service} 暂不可用（无可用实例）`);
        }
        if (error instanceof TimeoutError || (error instanceof RequestError && error.cause instanceof TimeoutError)) {
          throw ProblemError.of('timeout', `服务 ${contract.service} 在 ${timeout} 毫秒内未响应`);
        }
        if (error instanceof Error && /max_payload/.test(error.message)) {
          const detail = `提交的内容过大，超过消息上限（${this.nc.info?.max_payload ?? '?'} 字节）：请分批提交`;
          throw new ProblemError({ ...makeProblem('validation', detail, [{ field: 'body', rule: 'too_large', message: detail }]), status: 413 });
        }
        throw error;
      }
      const envelope = ReplyEnvelope.parse(JSON.parse(decoder.decode(reply.data)));
      if (!envelope.ok) {
        const refused = envelope.problem.status === 401 ? envelope.problem.errors?.find((e) => e.field === 'meta.assertion') : undefined;
        // The service refused our own assertion: a key or clock of ours is wrong, not the user's login.
        // Passed on as a 401 it would send the user to sign in again, to no end.
        if (refused) throw ProblemError.of('internal', `服务 ${contract.service} 拒绝了本服务签发的行为人断言（${refused.rule}）：请管理员检查签名密钥、受信任公钥与时钟`);
        throw new ProblemError(envelope.problem);
      }
      return contract.response.parse(envelope.data) as ResponseOf<C>;
    });
  }
}

export type RequestHandlerFn<C extends RequestContract> = (input: ParsedRequestOf<C>, ctx: RequestContext) => Promise<ResponseOf<C>>;

export interface RequestHandlerBinding {
  contract: RequestContract;
  handle: (input: unknown, ctx: RequestContext) => Promise<unknown>;
}

export function bindRequest<C extends RequestContract>(contract: C, handle: RequestHandlerFn<C>): RequestHandlerBinding {
  return { contract, handle: handle as RequestHandlerBinding['handle'] };
}

/**
 * Serves request subjects in the service's queue group, so each request reaches exactly one
 * replica. Tracks in-flight work so shutdown can drain and wait for it.
 */
export class RequestServer {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly wire: WireNames,
    private readonly service: ServiceName,
    private readonly logger: Logger,
    private readonly identity: { verifier: ActorAssertionVerifier; nonces: NonceStore },
  ) {}

  serve(bindings: RequestHandlerBinding[]): void {
    if (bindings.length && this.identity.verifier.issuers.length === 0) {
      // Fail closed at boot: a service that trusts no issuer could only refuse every request.
      throw new Error(`${this.service} serves requests but trusts no actor-assertion issuer: set ACTOR_TRUSTED_KEYS to {"gateway":"<base64 SPKI Ed25519 public key>", …} (docs/operations.md)`);
    }
    for (const binding of bindings) {
      if (binding.contract.service !== this.service) {
        throw new Error(`${this.service} cannot serve ${binding.contract.subject}: it belongs to ${binding.contract.service}`);
      }
      const sub = this.nc.subscribe(this.wire.subject(binding.contract.subject), {
        queue: this.service,
        callback: (err, msg) => {
          if (err) {
            this.logger.error({ err, subject: binding.contract.subject }, 'subscription error');
            return;
          }
          const work = this.handle(binding, msg).finally(() => this.inFlight.delete(work));
          this.inFlight.add(work);
        },
      });
      this.subscriptions.push(sub);
    }
  }

  private async handle(binding: RequestHandlerBinding, msg: Msg): Promise<void> {
    const subject = binding.contract.subject;
    const parent = extractTraceContext((k) => msg.headers?.get(k) || undefined);
    await withSpan(`${subject} process`, { kind: SpanKind.SERVER, parent, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject } }, async () => {
      let reply: unknown;
      try {
        const envelope = this.parse(msg.data);
        // Who is asking comes first: nothing is parsed, validated or done for an unproven actor.
        const verified = this.identity.verifier.verify(envelope.meta.assertion, { subject: this.wire.subject(subject), payloadJson: payloadJsonOf(envelope.data) });
        if (!(await this.identity.nonces.claim(verified.jti, verified.deadline))) throw replayRefusal(verified);
        if (Date.now() > verified.deadline) {
          this.logger.warn({ subject, requestId: verified.requestId }, 'request arrived after its deadline; dropped');
          return;
        }
        const nul = findNulCharacter(envelope.data);
        if (nul) throw ProblemError.validation([{ field: nul, rule: 'nul_character', message: NUL_MESSAGE }]);
        const parsed = binding.contract.request.safeParse(envelope.data);
        if (!parsed.success) throw ProblemError.validation(fieldErrorsFrom(parsed.error, undefined, envelope.data));
        const started = performance.now();
        const ctx: RequestContext = { actor: verified.actor, requestId: verified.requestId, deadline: verified.deadline };
        reply = { ok: true, data: await binding.handle(parsed.data, ctx) };
        this.logger.debug({ subject, requestId: verified.requestId, ms: Math.round(performance.now() - started) }, 'request handled');
      } catch (error) {
        if (error instanceof AssertionRefused) {
          // Who tried what, and why it was refused; never the payload.
          this.logger.warn({ subject, issuer: error.claimed.issuer, reason: error.rule, requestId: error.claimed.requestId }, 'actor assertion refused');
          reply = { ok: false, problem: error.problem };
        } else if (error instanceof ProblemError) {
          reply = { ok: false, problem: error.problem };
        } else {
          this.logger.error({ err: error, subject }, 'request handler failed');
          reply = { ok: false, problem: makeProblem('internal') };
        }
      }
      if (!msg.reply) return;
      const bytes = encoder.encode(JSON.stringify(reply));
      // A reply larger than the server allows would never arrive: say so instead of timing out.
      if (bytes.length > this.nc.info!.max_payload) {
        this.logger.warn({ subject: msg.subject, bytes: bytes.length, max: this.nc.info!.max_payload }, 'reply too large for one NATS message');
        msg.respond(encoder.encode(JSON.stringify({ ok: false, problem: { ...makeProblem('validation', '结果过大，超过消息上限：请缩小查询范围或分批处理'), status: 413 } })));
        return;
      }
      msg.respond(bytes);
    });
  }

  /** The envelope, leniently: what is not a proper envelope has no assertion and is refused for that. */
  private parse(bytes: Uint8Array): { meta: { assertion?: string }; data: unknown } {
    let raw: unknown;
    try {
      raw = JSON.parse(decoder.decode(bytes));
    } catch {
      raw = undefined;
    }
    const object = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    return { meta: RequestMeta.parse(object.meta), data: object.data };
  }

  /** Stops taking new requests and waits for the ones being handled. */
  async drain(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
    await Promise.allSettled([...this.inFlight]);
  }
}
