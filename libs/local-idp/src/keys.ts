import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A private JSON Web Key as oidc-provider's `jwks` option wants it. */
export type PrivateJwk = JsonWebKey & { kid: string; alg: string; use: string };

export interface SigningKeys {
  /** Private keys, handed to oidc-provider (which serves their public halves at /certs). */
  privateJwks: { keys: PrivateJwk[] };
  /** Public halves, used to verify our own JWT access tokens at userinfo and introspection. */
  publicJwks: { keys: JsonWebKey[] };
}

const PRIVATE_RSA_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/**
 * Loads the signing keys from `keyFile`, creating the file on first use so that tokens stay
 * valid across restarts of the local IdP (a gateway caching the JWKS keeps working).
 * Without a file the keys are generated in memory, which is what tests want.
 */
export function loadSigningKeys(keyFile?: string): SigningKeys {
  let jwks: { keys: PrivateJwk[] };
  if (keyFile && existsSync(keyFile)) {
    jwks = parseJwks(readFileSync(keyFile, 'utf8'), keyFile);
  } else {
    jwks = { keys: [generateRsaKey()] };
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      // Private key material: readable by the owner only.
      writeFileSync(keyFile, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600 });
    }
  }
  return { privateJwks: jwks, publicJwks: { keys: jwks.keys.map(toPublicJwk) } };
}

function generateRsaKey(): PrivateJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  // Node's crypto, not jose: no CryptoKey objects, so nothing can trip over jest's VM realms.
  return { ...jwk, kid: rsaThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

/** RFC 7638 thumbprint: a kid that is stable for the key, whoever computes it. */
function rsaThumbprint(jwk: JsonWebKey): string {
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64url');
}

function toPublicJwk(jwk: PrivateJwk): JsonWebKey {
  const pub: JsonWebKey = { ...jwk };
  for (const member of PRIVATE_RSA_MEMBERS) delete pub[member];
  return pub;
}

function parseJwks(text: string, source: string): { keys: PrivateJwk[] } {
  const parsed = JSON.parse(text) as { keys?: unknown };
  const keys = Array.isArray(parsed.keys) ? (parsed.keys as PrivateJwk[]) : [];
  const usable = keys.filter((k) => k.kty === 'RSA' && typeof k.d === 'string');
  if (usable.length === 0) {
    throw new Error(`${source}: expected a private JWKS with at least one RSA key`);
  }
  // Files written by hand may lack kid/alg/use: fill them so tokens always carry a kid.
  return { keys: usable.map((k) => ({ ...k, kid: k.kid ?? rsaThumbprint(k), alg: k.alg ?? 'RS256', use: k.use ?? 'sig' })) };
}
