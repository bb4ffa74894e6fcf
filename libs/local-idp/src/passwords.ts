import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * A stored password. Accounts created or changed at runtime keep an scrypt hash (also in the
 * users file); the demo logins keep the shared demo password of infra/demo/demo-data.json in
 * memory, as the file itself has it, until the admin API changes them.
 */
export type Credential = { algorithm: 'plain'; password: string } | ScryptCredential;

export interface ScryptCredential {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64url */
  salt: string;
  /** base64url */
  hash: string;
}

// RFC 7914 interactive-login parameters: about 50 ms and 16 MiB per check.
const SCRYPT = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<ScryptCredential> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, SCRYPT);
  return { algorithm: 'scrypt', ...SCRYPT, salt: salt.toString('base64url'), hash: hash.toString('base64url') };
}

export async function verifyPassword(credential: Credential, password: string): Promise<boolean> {
  if (credential.algorithm === 'plain') {
    // Digests, so the comparison takes the same time whatever the lengths.
    return timingSafeEqual(sha256(password), sha256(credential.password));
  }
  const expected = Buffer.from(credential.hash, 'base64url');
  const actual = await derive(password, Buffer.from(credential.salt, 'base64url'), { N: credential.N, r: credential.r, p: credential.p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** A refusal of the password policy, in Keycloak's admin API words and in the login page's Chinese. */
export interface PolicyRefusal {
  error: string;
  error_description: string;
  message: string;
}

/** The realm's passwordPolicy (infra/keycloak/realm-congress.json): `length(10) and notUsername`. */
export const MIN_PASSWORD_LENGTH = 10;

export function passwordPolicyRefusal(password: string, username: string): PolicyRefusal | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return {
      error: 'invalidPasswordMinLengthMessage',
      error_description: `Invalid password: minimum length ${MIN_PASSWORD_LENGTH}.`,
      message: `无效的密码：最短长度 ${MIN_PASSWORD_LENGTH}。`,
    };
  }
  if (password.toLowerCase() === username.toLowerCase()) {
    return {
      error: 'invalidPasswordNotUsernameMessage',
      error_description: 'Invalid password: must not be equal to the username.',
      message: '无效的密码：不能与用户名相同。',
    };
  }
  return undefined;
}
