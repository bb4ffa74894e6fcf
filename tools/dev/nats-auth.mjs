// NATS authentication for the servers the launcher and the tests start (decentralised JWT:
// docs/decisions/0015-nats-credentials.md). An operator, a system account and the platform's
// account `CONGRESS` (JetStream enabled), generated once into `dir/auth.json` (mode 0600) and
// reused, so a persistent server keeps its streams. The server trusts the operator and knows both
// accounts (a memory resolver); users — one per service, each with its own permissions — are minted
// with the account's signing key (libs/messaging/src/credentials.ts) and never listed here.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeAccount, encodeOperator, encodeUser, fmtCreds } from '@nats-io/jwt';
import { createAccount, createOperator, createUser, fromSeed } from '@nats-io/nkeys';

const text = (bytes) => new TextDecoder().decode(bytes);
const seedOf = (kp) => text(kp.getSeed());

export const ACCOUNT_NAME = 'CONGRESS';

async function generate() {
  const operator = createOperator();
  const system = createAccount();
  const account = createAccount();
  const signing = createAccount();
  const operatorJwt = await encodeOperator('congress-operator', operator, { system_account: system.getPublicKey() });
  const systemJwt = await encodeAccount('SYS', system, {}, { signer: operator });
  const accountJwt = await encodeAccount(
    ACCOUNT_NAME,
    account,
    {
      // JetStream on, without limits of its own (the server's are the limits); users only through the signing key.
      limits: { subs: -1, conn: -1, leaf: -1, imports: -1, exports: -1, data: -1, payload: -1, wildcards: true, mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 },
      signing_keys: [signing.getPublicKey()],
    },
    { signer: operator },
  );
  return {
    operator: { public: operator.getPublicKey(), seed: seedOf(operator), jwt: operatorJwt },
    system: { public: system.getPublicKey(), seed: seedOf(system), jwt: systemJwt },
    account: { public: account.getPublicKey(), seed: seedOf(account), jwt: accountJwt, signingSeed: seedOf(signing) },
  };
}

/** The auth material in `dir` (created on first use); `file` is its path. */
export async function prepareNatsAuth(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'auth.json');
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify(await generate(), null, 2), { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return { ...JSON.parse(readFileSync(file, 'utf8')), file };
}

/** The server configuration block that makes nats-server trust the operator and know the accounts. */
export function serverAuthConfig(auth) {
  return [
    `operator: ${auth.operator.jwt}`,
    `system_account: ${auth.system.public}`,
    'resolver: MEMORY',
    'resolver_preload: {',
    `  ${auth.system.public}: ${auth.system.jwt}`,
    `  ${auth.account.public}: ${auth.account.jwt}`,
    '}',
    '',
  ].join('\n');
}

/** Credentials for an administrator of the platform's account (all subjects): only tools use them. */
export async function adminCredentials(auth) {
  const user = createUser();
  const signer = fromSeed(new TextEncoder().encode(auth.account.signingSeed));
  const jwt = await encodeUser('admin', user, auth.account.public, {}, { signer });
  return text(fmtCreds(jwt, user));
}
