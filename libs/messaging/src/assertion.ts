import { createHash, createPrivateKey, createPublicKey, randomUUID, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { Actor, SERVICES, SYSTEM_ACTOR, ProblemError, makeProblem, type ServiceName } from '@congress/contracts';
import { z } from 'zod';

/**
 * Signed actor assertions (docs/decisions/0013-signed-actor-assertions.md).
 *
 * A request on NATS no longer says who it acts for; it carries a compact JWS (EdDSA over Ed25519)
 * made by the sender: the gateway for a user, a service for its own work (as the system actor).
 * The receiving service verifies it with the issuer's public key before anything else and takes
 * the actor only from the verified claims. The assertion binds the request id, a nonce (jti), the
 * wire subject, a SHA-256 of the payload and a short deadline, so it cannot be forged without the
 * issuer's private key, moved to another subject or payload, or used twice (see ActorNonceStore).
 */

/** The longest an assertion may live (exp − iat). It bounds how long a nonce must be remembered. */
export const ASSERTION_MAX_LIFETIME_MS = 60_000;
/** Tolerance for clocks of sender and receiver that disagree a little. */
export const ASSERTION_CLOCK_SKEW_MS = 5_000;
/** The JWS `typ` of an actor assertion, so a token of another kind signed with the same key is not one. */
export const ASSERTION_TYPE = 'actor+jwt';

/** The claims of an assertion. Times are seconds since the epoch, with millisecond fractions. */
export const AssertionClaims = z.object({
  /** Who signed: `gateway`, or the service acting for itself. */
  iss: z.enum(SERVICES),
  /** The actor's subject (repeated in `act` for JWT tooling). */
  sub: z.string(),
  act: Actor,
  /** The request id; the gateway may reuse one for several calls, so replay is keyed on `jti`. */
  rid: z.string().min(1),
  jti: z.uuid(),
  /** The wire subject the request is for (namespace included). */
  aud: z.string().min(1),
  /** base64url SHA-256 of JSON.stringify(data). */
  pld: z.string().length(43),
  iat: z.number(),
  exp: z.number(),
});
export type AssertionClaims = z.infer<typeof AssertionClaims>;

export interface VerifiedAssertion {
  issuer: ServiceName;
  actor: Actor;
  requestId: string;
  jti: string;
  /** Epoch milliseconds: the sender's deadline. */
  deadline: number;
}

/** Why an assertion was refused; each is the `rule` of the 401 problem's field error. */
export type AssertionRule =
  | 'assertion_missing'
  | 'assertion_malformed'
  | 'assertion_unknown_issuer'
  | 'assertion_bad_signature'
  | 'assertion_expired'
  | 'assertion_not_yet_valid'
  | 'assertion_too_long_lived'
  | 'assertion_subject_mismatch'
  | 'assertion_payload_mismatch'
  | 'assertion_issuer_not_allowed'
  | 'assertion_replayed';

/**
 * A refused assertion: a 401 problem naming the rule, plus what the (unverified) token claimed,
 * for the log line. Never carries the payload.
 */
export class AssertionRefused extends ProblemError {
  constructor(
    readonly rule: AssertionRule,
    detail: string,
    readonly claimed: { issuer?: string; requestId?: string } = {},
  ) {
    super(makeProblem('unauthenticated', detail, [{ field: 'meta.assertion', rule, message: detail }]));
    this.name = 'AssertionRefused';
  }
}

const b64url = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'EdDSA', typ: ASSERTION_TYPE }));

/** base64url SHA-256 of the payload as it travels (JSON.stringify of the data). */
export function payloadDigest(payloadJson: string): string {
  return createHash('sha256').update(payloadJson).digest('base64url');
}

/** The JSON text a payload travels as, and is hashed as, at both ends. */
export function payloadJsonOf(data: unknown): string {
  return JSON.stringify(data) ?? 'null';
}

function keyMaterial(text: string): { pem: string } | { der: Buffer } {
  const trimmed = text.trim();
  return trimmed.startsWith('-----BEGIN') ? { pem: trimmed } : { der: Buffer.from(trimmed, 'base64') };
}

/** An Ed25519 private key from base64 PKCS#8 DER or PEM; throws a short message otherwise. */
export function ed25519PrivateKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    const m = keyMaterial(text);
    key = 'pem' in m ? createPrivateKey(m.pem) : createPrivateKey({ key: m.der, format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('must be an Ed25519 private key: base64 PKCS#8 DER or PEM');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`must be an Ed25519 private key, not ${key.asymmetricKeyType}`);
  return key;
}

/** An Ed25519 public key from base64 SPKI DER or PEM; throws a short message otherwise. */
export function ed25519PublicKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    const m = keyMaterial(text);
    key = 'pem' in m ? createPublicKey(m.pem) : createPublicKey({ key: m.der, format: 'der', type: 'spki' });
  } catch {
    throw new Error('must be an Ed25519 public key: base64 SPKI DER or PEM');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`must be an Ed25519 public key, not ${key.asymmetricKeyType}`);
  return key;
}

/** Base64 PKCS#8 DER / SPKI DER of a fresh Ed25519 key pair (launcher, tests). */
export function encodeKeyPair(pair: { privateKey: KeyObject; publicKey: KeyObject }): { privateKey: string; publicKey: string } {
  return {
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

export interface SignInput {
  actor: Actor;
  requestId: string;
  /** The wire subject (namespace included). */
  subject: string;
  payloadJson: string;
  /** Epoch milliseconds. */
  deadline: number;
  /** For tests of refusals: the clock and the nonce. */
  now?: number;
  jti?: string;
}

/** Makes assertions as one issuer, with the issuer's private key (which nothing else holds). */
export class ActorAssertionSigner {
  constructor(
    readonly issuer: ServiceName,
    private readonly key: KeyObject,
  ) {
    if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') throw new Error('an actor assertion is signed with an Ed25519 private key');
  }

  sign(input: SignInput): string {
    const now = input.now ?? Date.now();
    const claims: AssertionClaims = {
      iss: this.issuer,
      sub: input.actor.subject,
      act: input.actor,
      rid: input.requestId,
      jti: input.jti ?? randomUUID(),
      aud: input.subject,
      pld: payloadDigest(input.payloadJson),
      iat: now / 1000,
      exp: input.deadline / 1000,
    };
    const signingInput = `${HEADER}.${b64url(JSON.stringify(claims))}`;
    return `${signingInput}.${b64url(edSign(null, Buffer.from(signingInput), this.key))}`;
  }
}

const Header = z.object({ alg: z.literal('EdDSA'), typ: z.literal(ASSERTION_TYPE) });

function decodeJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** A service issuer speaks only for itself: the system actor, nobody's unit, no roles. */
export function isSystemActor(actor: Actor): boolean {
  return actor.subject === SYSTEM_ACTOR.subject && actor.roles.length === 0 && actor.unitCode === undefined && actor.bodyId === undefined;
}

/**
 * Checks assertions against the public keys of the issuers a service trusts. Policy: the gateway
 * may assert any user; a service may assert only the system actor (its own work). Replay is the
 * nonce store's part (RequestServer claims the jti after this succeeds).
 */
export class ActorAssertionVerifier {
  /** @param trusted each issuer's public key, or keys (an old and a new one while a key is rotated). */
  constructor(
    private readonly trusted: ReadonlyMap<ServiceName, KeyObject | readonly KeyObject[]>,
    private readonly options: { maxLifetimeMs?: number; clockSkewMs?: number } = {},
  ) {}

  get issuers(): ServiceName[] {
    return [...this.trusted.keys()];
  }

  verify(token: unknown, expected: { subject: string; payloadJson: string }, now = Date.now()): VerifiedAssertion {
    const maxLifetime = this.options.maxLifetimeMs ?? ASSERTION_MAX_LIFETIME_MS;
    const skew = this.options.clockSkewMs ?? ASSERTION_CLOCK_SKEW_MS;
    if (token === undefined || token === null || token === '') {
      throw new AssertionRefused('assertion_missing', '请求未附带行为人断言（meta.assertion），服务不接受未经签名的身份声明');
    }
    const parts = typeof token === 'string' ? token.split('.') : [];
    let raw: Record<string, unknown>;
    try {
      if (parts.length !== 3) throw new Error('not three parts');
      Header.parse(decodeJson(parts[0]!));
      raw = z.record(z.string(), z.unknown()).parse(decodeJson(parts[1]!));
    } catch {
      throw new AssertionRefused('assertion_malformed', '行为人断言格式不正确：应为 EdDSA 签名的 actor+jwt');
    }
    const claimed = { issuer: typeof raw.iss === 'string' ? raw.iss : undefined, requestId: typeof raw.rid === 'string' ? raw.rid : undefined };
    const entry = claimed.issuer === undefined ? undefined : this.trusted.get(claimed.issuer as ServiceName);
    const keys = entry === undefined ? [] : Array.isArray(entry) ? (entry as readonly KeyObject[]) : [entry as KeyObject];
    if (keys.length === 0) throw new AssertionRefused('assertion_unknown_issuer', `行为人断言的签发方「${claimed.issuer ?? '（无）'}」不在受信任的签发方之列`, claimed);
    const signingInput = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2]!, 'base64url');
    const genuine = keys.some((key) => {
      try {
        return edVerify(null, signingInput, key, signature);
      } catch {
        return false;
      }
    });
    if (!genuine) {
      throw new AssertionRefused('assertion_bad_signature', `行为人断言的签名无法用签发方「${claimed.issuer}」的公钥验证：断言是伪造的或被改动过`, claimed);
    }
    const parsed = AssertionClaims.safeParse(raw);
    if (!parsed.success || parsed.data.sub !== parsed.data.act.subject) {
      throw new AssertionRefused('assertion_malformed', '行为人断言的声明不完整或不一致', claimed);
    }
    const c = parsed.data;
    const iatMs = c.iat * 1000;
    const expMs = c.exp * 1000;
    if (expMs - iatMs > maxLifetime) {
      throw new AssertionRefused('assertion_too_long_lived', `行为人断言的有效期为 ${Math.round((expMs - iatMs) / 1000)} 秒，超过 ${maxLifetime / 1000} 秒的上限`, claimed);
    }
    if (iatMs > now + skew) throw new AssertionRefused('assertion_not_yet_valid', '行为人断言的签发时间晚于当前时间：请检查签发方的时钟', claimed);
    if (now > expMs + skew) throw new AssertionRefused('assertion_expired', `行为人断言已于 ${new Date(expMs).toISOString()} 过期`, claimed);
    if (c.aud !== expected.subject) {
      throw new AssertionRefused('assertion_subject_mismatch', `行为人断言签发给主题「${c.aud}」，不能用于「${expected.subject}」`, claimed);
    }
    if (c.pld !== payloadDigest(expected.payloadJson)) {
      throw new AssertionRefused('assertion_payload_mismatch', '请求内容与行为人断言中的摘要不符：内容在签名后被改动过', claimed);
    }
    if (c.iss !== 'gateway' && !isSystemActor(c.act)) {
      throw new AssertionRefused('assertion_issuer_not_allowed', `服务「${c.iss}」只能以系统身份为自己的工作发出请求，不能代表用户「${c.act.subject}」`, claimed);
    }
    return { issuer: c.iss, actor: c.act, requestId: c.rid, jti: c.jti, deadline: expMs };
  }
}

/** A replayed assertion: its jti was claimed before (on any replica). */
export function replayRefusal(assertion: VerifiedAssertion): AssertionRefused {
  return new AssertionRefused('assertion_replayed', '行为人断言已被使用过（重放），同一断言只能用于一次请求', { issuer: assertion.issuer, requestId: assertion.requestId });
}
