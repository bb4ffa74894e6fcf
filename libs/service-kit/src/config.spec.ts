import { describe, expect, it } from '@jest/globals';
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
});
