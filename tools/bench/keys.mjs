// Actor-assertion keys for the benchmarks' services (issue 11), as `npm start` makes them:
// keysFor(script) is the environment of the service a dist/apps/<service>/… script belongs to,
// gatewaySigner(messaging) signs the requests a benchmark sends straight over NATS as the gateway.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../dev/bootstrap.mjs';
import { prepareActorKeys } from '../dev/actor-keys.mjs';

const SERVICES = ['gateway', 'directory', 'project-library', 'issue-tracking', 'supervision-scheduling', 'voting', 'publication', 'personnel-assessment'];
const keys = prepareActorKeys(join(ROOT, '.data/bench-keys'), SERVICES);

export const keysFor = (script) => keys[/dist\/apps\/([^/]+)\//.exec(script)?.[1]] ?? {};

/** `messaging` is the built @congress/messaging (dist/libs/messaging/src/index.js). */
export const gatewaySigner = (messaging) => new messaging.ActorAssertionSigner('gateway', messaging.ed25519PrivateKey(readFileSync(keys.gateway.ACTOR_SIGNING_KEY_FILE, 'utf8')));
