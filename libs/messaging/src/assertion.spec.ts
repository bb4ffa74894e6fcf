import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SYSTEM_ACTOR, type Actor, type ServiceName } from '@congress/contracts';
import {
  ASSERTION_MAX_LIFETIME_MS,
  ActorAssertionSigner,
  ActorAssertionVerifier,
  AssertionRefused,
  ed25519PrivateKey,
  ed25519PublicKey,
  encodeKeyPair,
  payloadJsonOf,
  type AssertionRule,
  type SignInput,
} from './assertion.js';

const gatewayKeys = generateKeyPairSync('ed25519');
const libraryKeys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');
const trusted = new Map<ServiceName, (typeof gatewayKeys)['publicKey']>([
  ['gateway', gatewayKeys.publicKey],
  ['project-library', libraryKeys.publicKey],
]);
const verifier = new ActorAssertionVerifier(trusted);
const gateway = new ActorAssertionSigner('gateway', gatewayKeys.privateKey);

const staff: Actor = { subject: 'u-1', username: 'chenzhou-staff', name: '郴州工作人员', unitCode: '431000', roles: ['staff'] };
const SUBJECT = 'ns1.issue-tracking.problem.get';
const payloadJson = payloadJsonOf({ id: '0190a3c6-0000-7000-8000-000000000001' });
const NOW = Date.parse('2026-12-05T00:00:00Z');

const signed = (overrides: Partial<SignInput> = {}, signer = gateway) =>
  signer.sign({ actor: staff, requestId: 'req-1', subject: SUBJECT, payloadJson, deadline: NOW + 5000, now: NOW, ...overrides });

function refusal(run: () => unknown): { rule: AssertionRule; status: number; detail?: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AssertionRefused);
    const refused = error as AssertionRefused;
    expect(refused.problem.errors?.[0]).toMatchObject({ field: 'meta.assertion', rule: refused.rule });
    return { rule: refused.rule, status: refused.problem.status, detail: refused.problem.detail };
  }
  throw new Error('the assertion was accepted');
}

describe('actor assertions', () => {
  it('accepts an assertion made by the gateway and yields the actor, the request id, the nonce and the deadline', () => {
    const verified = verifier.verify(signed(), { subject: SUBJECT, payloadJson }, NOW + 10);
    expect(verified).toMatchObject({ issuer: 'gateway', actor: staff, requestId: 'req-1', deadline: NOW + 5000 });
    expect(verified.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every assertion its own nonce, even for one request id', () => {
    const a = verifier.verify(signed(), { subject: SUBJECT, payloadJson }, NOW);
    const b = verifier.verify(signed(), { subject: SUBJECT, payloadJson }, NOW);
    expect(a.jti).not.toBe(b.jti);
  });

  it('accepts a service asserting the system actor for its own work', () => {
    const library = new ActorAssertionSigner('project-library', libraryKeys.privateKey);
    expect(verifier.verify(signed({ actor: SYSTEM_ACTOR }, library), { subject: SUBJECT, payloadJson }, NOW).actor).toEqual(SYSTEM_ACTOR);
  });

  it('refuses a missing assertion', () => {
    for (const token of [undefined, null, '']) {
      expect(refusal(() => verifier.verify(token, { subject: SUBJECT, payloadJson }, NOW))).toEqual({ rule: 'assertion_missing', status: 401, detail: expect.stringContaining('未附带行为人断言') });
    }
  });

  it('refuses something that is not an assertion', () => {
    for (const token of ['abc', 'a.b.c', 42, `${Buffer.from('{"alg":"none","typ":"actor+jwt"}').toString('base64url')}.e30.`]) {
      expect(refusal(() => verifier.verify(token, { subject: SUBJECT, payloadJson }, NOW)).rule).toBe('assertion_malformed');
    }
  });

  it('refuses an issuer it does not trust', () => {
    const voting = new ActorAssertionSigner('voting', otherKeys.privateKey);
    expect(refusal(() => verifier.verify(signed({ actor: SYSTEM_ACTOR }, voting), { subject: SUBJECT, payloadJson }, NOW))).toMatchObject({
      rule: 'assertion_unknown_issuer',
      detail: expect.stringContaining('「voting」不在受信任的签发方之列'),
    });
  });

  it('refuses an assertion forged with another key under the gateway\'s name', () => {
    const forger = new ActorAssertionSigner('gateway', otherKeys.privateKey);
    expect(refusal(() => verifier.verify(signed({}, forger), { subject: SUBJECT, payloadJson }, NOW)).rule).toBe('assertion_bad_signature');
  });

  it('accepts either key of an issuer whose key is being rotated', () => {
    const rotating = new ActorAssertionVerifier(new Map([['gateway', [otherKeys.publicKey, gatewayKeys.publicKey]]]));
    expect(rotating.verify(signed(), { subject: SUBJECT, payloadJson }, NOW).issuer).toBe('gateway');
    const forger = new ActorAssertionSigner('gateway', libraryKeys.privateKey);
    expect(refusal(() => rotating.verify(signed({}, forger), { subject: SUBJECT, payloadJson }, NOW)).rule).toBe('assertion_bad_signature');
  });

  it('refuses an assertion whose claims were edited after signing (another unit, more roles)', () => {
    const [header, claims, signature] = signed().split('.');
    const edited = { ...JSON.parse(Buffer.from(claims!, 'base64url').toString()), act: { ...staff, unitCode: '430100', roles: ['platform-admin'] } };
    const token = `${header}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature}`;
    expect(refusal(() => verifier.verify(token, { subject: SUBJECT, payloadJson }, NOW)).rule).toBe('assertion_bad_signature');
  });

  it('refuses an expired assertion, allowing a few seconds of clock skew', () => {
    const token = signed({ now: NOW - 20_000, deadline: NOW - 10_000 });
    expect(refusal(() => verifier.verify(token, { subject: SUBJECT, payloadJson }, NOW)).rule).toBe('assertion_expired');
    expect(verifier.verify(signed({ deadline: NOW + 1000 }), { subject: SUBJECT, payloadJson }, NOW + 3000).requestId).toBe('req-1');
  });

  it('refuses an assertion that would live longer than the cap, which bounds the nonce store', () => {
    const token = signed({ deadline: NOW + ASSERTION_MAX_LIFETIME_MS + 1 });
    expect(refusal(() => verifier.verify(token, { subject: SUBJECT, payloadJson }, NOW))).toMatchObject({ rule: 'assertion_too_long_lived', detail: expect.stringContaining('60 秒') });
  });

  it('refuses an assertion issued in the future', () => {
    expect(refusal(() => verifier.verify(signed({ now: NOW + 60_000, deadline: NOW + 61_000 }), { subject: SUBJECT, payloadJson }, NOW)).rule).toBe('assertion_not_yet_valid');
  });

  it('refuses an assertion made for another subject', () => {
    expect(refusal(() => verifier.verify(signed(), { subject: 'ns1.voting.evaluation.cast', payloadJson }, NOW))).toMatchObject({
      rule: 'assertion_subject_mismatch',
      detail: expect.stringContaining('不能用于「ns1.voting.evaluation.cast」'),
    });
  });

  it('refuses a payload other than the one signed', () => {
    const altered = payloadJsonOf({ id: '0190a3c6-0000-7000-8000-000000000002' });
    expect(refusal(() => verifier.verify(signed(), { subject: SUBJECT, payloadJson: altered }, NOW)).rule).toBe('assertion_payload_mismatch');
  });

  it('refuses a service that asserts a user (only the gateway speaks for users)', () => {
    const library = new ActorAssertionSigner('project-library', libraryKeys.privateKey);
    for (const actor of [staff, { ...SYSTEM_ACTOR, roles: ['platform-admin'] }, { ...SYSTEM_ACTOR, unitCode: '431000' }]) {
      expect(refusal(() => verifier.verify(signed({ actor }, library), { subject: SUBJECT, payloadJson }, NOW)).rule).toBe('assertion_issuer_not_allowed');
    }
  });

  it('reads keys as base64 DER or PEM and refuses other kinds of key', () => {
    const encoded = encodeKeyPair(gatewayKeys);
    expect(ed25519PrivateKey(encoded.privateKey).asymmetricKeyType).toBe('ed25519');
    expect(ed25519PublicKey(gatewayKeys.publicKey.export({ format: 'pem', type: 'spki' }).toString()).asymmetricKeyType).toBe('ed25519');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => ed25519PrivateKey(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow('not rsa');
    expect(() => ed25519PublicKey('not a key')).toThrow('must be an Ed25519 public key');
    expect(() => new ActorAssertionSigner('gateway', gatewayKeys.publicKey)).toThrow('Ed25519 private key');
  });
});
