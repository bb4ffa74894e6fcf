import { encodeUser, fmtCreds } from '@nats-io/jwt';
import { createUser, fromSeed } from '@nats-io/nkeys';
import type { NatsPermissions } from './permissions.js';

/**
 * The NATS account the platform's users belong to (decentralised JWT authentication,
 * docs/decisions/0015-nats-credentials.md): its public key and the seed of a signing key that may
 * issue user credentials. Whoever holds the signing seed can mint users: the launcher (locally),
 * the test harness (for test namespaces) and the operator's `npm run nats:credentials` (production).
 */
export interface NatsAccountSigner {
  account: string;
  signingSeed: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A user's `.creds` (its JWT, with these permissions, and its private seed), signed for the account. */
export async function mintCredentials(signer: NatsAccountSigner, name: string, permissions: NatsPermissions): Promise<string> {
  const user = createUser();
  const signingKey = fromSeed(encoder.encode(signer.signingSeed));
  const jwt = await encodeUser(name, user, signer.account, { pub: permissions.pub, sub: permissions.sub, ...(permissions.resp ? { resp: permissions.resp } : {}) }, { signer: signingKey });
  return decoder.decode(fmtCreds(jwt, user));
}
