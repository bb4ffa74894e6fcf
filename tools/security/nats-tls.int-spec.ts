import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { WireNames, connectNatsAs } from '@congress/messaging';
import { REPO_ROOT, freePort, natsIdentityEnv, testServers } from '@congress/testing';

/**
 * TLS to NATS, as the production example configures it (global.nats.tls.caSecret): a nats-server
 * of its own with a certificate from a test CA and the platform's operator, and a service that
 * trusts that CA connects; one that does not trust it does not (whether it asks for tls:// or nats://).
 */
describe('NATS over TLS (a nats-server with a certificate of a test CA)', () => {
  let dir: string;
  let server: ChildProcess;
  let url: string;
  let creds: string;
  const wire = new WireNames('ttls');

  const openssl = (...args: string[]) => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr || result.error}`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nats-tls-'));
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=congress test CA', '-keyout', 'ca.key', '-out', 'ca.crt');
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=nats', '-keyout', 'server.key', '-out', 'server.csr');
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', 'san.ext', '-out', 'server.crt');

    const auth = JSON.parse(readFileSync(testServers().natsAuthFile, 'utf8')) as {
      operator: { jwt: string };
      system: { public: string; jwt: string };
      account: { public: string; jwt: string };
    };
    const port = await freePort();
    writeFileSync(
      join(dir, 'nats.conf'),
      [
        `listen: 127.0.0.1:${port}`,
        `tls { cert_file: "${join(dir, 'server.crt')}", key_file: "${join(dir, 'server.key')}" }`,
        `operator: ${auth.operator.jwt}`,
        `system_account: ${auth.system.public}`,
        'resolver: MEMORY',
        `resolver_preload: { ${auth.system.public}: ${auth.system.jwt}, ${auth.account.public}: ${auth.account.jwt} }`,
      ].join('\n'),
    );
    const bin = [process.env.NATS_SERVER_BIN, join(REPO_ROOT, '.tools/bin/nats-server'), ...(process.env.PATH ?? '').split(delimiter).map((p) => join(p, 'nats-server'))].find(
      (candidate) => candidate && existsSync(candidate),
    );
    if (!bin) throw new Error('nats-server not found (npm test builds it into .tools/bin)');
    server = spawn(bin, ['-c', join(dir, 'nats.conf')], { stdio: 'ignore' });
    url = `tls://127.0.0.1:${port}`;
    creds = (await natsIdentityEnv('voting', wire.namespace)).NATS_CREDS!;
    for (let i = 0; i < 100; i++) {
      const up = await connectNatsAs({ url, creds, name: 'probe', inboxPrefix: wire.inboxPrefix('voting'), tls: { caFile: join(dir, 'ca.crt') } })
        .then(async (nc) => (await nc.close(), true))
        .catch(() => false);
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the TLS nats-server did not come up');
  });

  afterAll(() => {
    server?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('connects a service that trusts the CA (NATS_TLS_CA_FILE), over TLS', async () => {
    const nc = await connectNatsAs({ url, creds, name: 'voting', inboxPrefix: wire.inboxPrefix('voting'), tls: { caFile: join(dir, 'ca.crt') } });
    expect(nc.info?.tls_required).toBe(true);
    await nc.flush();
    await nc.close();
  });

  it('refuses a client that does not trust the CA (a server it cannot verify), whether it asks for tls:// or nats://', async () => {
    await expect(connectNatsAs({ url, creds, name: 'voting', inboxPrefix: wire.inboxPrefix('voting') })).rejects.toThrow(/certificate/);
    await expect(connectNatsAs({ url: url.replace('tls://', 'nats://'), creds, name: 'voting', inboxPrefix: wire.inboxPrefix('voting') })).rejects.toThrow(/certificate/);
  });
});
