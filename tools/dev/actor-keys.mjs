// The keys actor assertions are signed and verified with (issue 11; docs/decisions/0013).
// prepareActorKeys(dir, services) → { [service]: env }.
//
// Each service (the gateway included) gets an Ed25519 key pair, made on first start and kept in
// <dir>/<service>.key (the private key, base64 PKCS#8 DER, mode 0600) and <dir>/<service>.pub
// (base64 SPKI DER); later starts reuse them. A service's environment names its own private key
// (ACTOR_SIGNING_KEY_FILE, so the key never appears in a process listing) and the public keys of
// every issuer (ACTOR_TRUSTED_KEYS). Which issuer may assert whom is the services' policy: the
// gateway any user, a service only the system actor.
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function keyPairOf(dir, service) {
  const privateFile = join(dir, `${service}.key`);
  const publicFile = join(dir, `${service}.pub`);
  if (!existsSync(privateFile) || !existsSync(publicFile)) {
    const pair = generateKeyPairSync('ed25519');
    // The private key first, created readable by its owner only.
    writeFileSync(privateFile, `${pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}\n`, { mode: 0o600 });
    writeFileSync(publicFile, `${pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}\n`, { mode: 0o644 });
  }
  chmodSync(privateFile, 0o600);
  return { privateFile, publicKey: readFileSync(publicFile, 'utf8').trim() };
}

export function prepareActorKeys(dir, services) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const pairs = Object.fromEntries(services.map((service) => [service, keyPairOf(dir, service)]));
  const trusted = JSON.stringify(Object.fromEntries(services.map((service) => [service, pairs[service].publicKey])));
  return Object.fromEntries(services.map((service) => [service, { ACTOR_SIGNING_KEY_FILE: pairs[service].privateFile, ACTOR_TRUSTED_KEYS: trusted }]));
}
