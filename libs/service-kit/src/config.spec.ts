import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { encodeKeyPair } from '@congress/messaging';
import { BaseEnv, ConfigError, loadConfig } from './config.js';

const good = { PORT: '3101', DATABASE_URL: 'postgres://u:p@localhost:5432/db', NATS_URL: 'nats://localhost:4222' };

describe('environment validation', () => {
  it('fills in defaults', () => {
    const config = loadConfig('directory', BaseEnv, good);
    expect(config).toMatchObject({ PORT: 3101, DATABASE_POOL_SIZE: 10, NATS_NAMESPACE: '', REQUEST_TIMEOUT_MS: 5000, LOG_LEVEL: 'info' });
  });

  it('names every missing variable', () => {
    let error: unknown;
    try {
      loadConfig('directory', BaseEnv, { PORT: '3101' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('directory: invalid environment');
    expect(message).toContain('DATABASE_URL is missing');
    expect(message).toContain('NATS_URL is missing');
  });

  it('names a bad value without echoing other variables', () => {
    expect(() => loadConfig('voting', BaseEnv, { ...good, DATABASE_URL: 'mysql://x', PORT: 'abc' })).toThrow(/DATABASE_URL="mysql:\/\/x" is invalid: must be a postgres:\/\/ URL/);
    expect(() => loadConfig('voting', BaseEnv, { ...good, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL="loud" is invalid/);
  });

  it('treats an empty variable as missing', () => {
    expect(() => loadConfig('voting', BaseEnv, { ...good, NATS_URL: '' })).toThrow(/NATS_URL is missing/);
  });

  it('caps the request timeout at an actor assertion\'s lifetime', () => {
    expect(() => loadConfig('voting', BaseEnv, { ...good, REQUEST_TIMEOUT_MS: '60001' })).toThrow(/REQUEST_TIMEOUT_MS="60001" is invalid/);
  });
});

describe('actor-assertion keys', () => {
  const gateway = encodeKeyPair(generateKeyPairSync('ed25519'));
  const own = encodeKeyPair(generateKeyPairSync('ed25519'));

  it('reads the signing key and the trusted keys, directly or from files (Kubernetes Secrets)', () => {
    const direct = loadConfig('project-library', BaseEnv, { ...good, ACTOR_SIGNING_KEY: own.privateKey, ACTOR_TRUSTED_KEYS: JSON.stringify({ gateway: gateway.publicKey }) });
    expect(direct.ACTOR_SIGNING_KEY?.asymmetricKeyType).toBe('ed25519');
    expect([...direct.ACTOR_TRUSTED_KEYS.keys()]).toEqual(['gateway']);
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    writeFileSync(join(dir, 'signing'), `${own.privateKey}\n`);
    writeFileSync(join(dir, 'trusted'), JSON.stringify({ gateway: gateway.publicKey, 'project-library': own.publicKey }));
    const files = loadConfig('project-library', BaseEnv, { ...good, ACTOR_SIGNING_KEY_FILE: join(dir, 'signing'), ACTOR_TRUSTED_KEYS_FILE: join(dir, 'trusted') });
    expect(files.ACTOR_SIGNING_KEY?.type).toBe('private');
    expect([...files.ACTOR_TRUSTED_KEYS.keys()]).toEqual(['gateway', 'project-library']);
    const rotating = loadConfig('voting', BaseEnv, { ...good, ACTOR_TRUSTED_KEYS: JSON.stringify({ gateway: [gateway.publicKey, own.publicKey] }) });
    expect(rotating.ACTOR_TRUSTED_KEYS.get('gateway')).toHaveLength(2);
  });

  it('trusts nobody when no keys are given (a serving service then refuses to start)', () => {
    const config = loadConfig('voting', BaseEnv, good);
    expect(config.ACTOR_SIGNING_KEY).toBeUndefined();
    expect(config.ACTOR_TRUSTED_KEYS.size).toBe(0);
  });

  it('names a bad key without echoing it', () => {
    let message = '';
    try {
      loadConfig('voting', BaseEnv, { ...good, ACTOR_SIGNING_KEY: gateway.publicKey });
    } catch (error) {
      message = (error as ConfigError).message;
    }
    expect(message).toContain('ACTOR_SIGNING_KEY is invalid: must be an Ed25519 private key');
    expect(message).not.toContain(gateway.publicKey.slice(0, 20));
  });

  it('refuses trusted keys of unknown issuers, keys of other kinds and what is not JSON', () => {
    expect(() => loadConfig('voting', BaseEnv, { ...good, ACTOR_TRUSTED_KEYS: JSON.stringify({ mallory: gateway.publicKey }) })).toThrow(/ACTOR_TRUSTED_KEYS is invalid: names an unknown issuer "mallory"/);
    expect(() => loadConfig('voting', BaseEnv, { ...good, ACTOR_TRUSTED_KEYS: JSON.stringify({ gateway: own.privateKey }) })).toThrow(/gateway: must be an Ed25519 public key/);
    expect(() => loadConfig('voting', BaseEnv, { ...good, ACTOR_TRUSTED_KEYS: 'gateway=abc' })).toThrow(/must be a JSON object/);
    expect(() => loadConfig('voting', BaseEnv, { ...good, ACTOR_TRUSTED_KEYS: JSON.stringify({ gateway: [] }) })).toThrow(/gateway: names no key/);
  });

  it('names a key file it cannot read', () => {
    expect(() => loadConfig('voting', BaseEnv, { ...good, ACTOR_SIGNING_KEY_FILE: '/nonexistent/key' })).toThrow(/ACTOR_SIGNING_KEY_FILE="\/nonexistent\/key" cannot be read: ENOENT/);
  });
});
