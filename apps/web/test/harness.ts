import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { LocalIdp } from '@congress/local-idp';
import {
  REPO_ROOT,
  createTestDatabase,
  createTestNamespace,
  freePort,
  runServiceSeed,
  serviceEnv,
  startServiceProcesses,
  startTestIdp,
  type ServiceProcess,
  type TestDatabase,
} from '@congress/testing';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

/**
 * The shared harness of the web app's browser tests: the real platform (the services a test
 * names, as built processes, plus the gateway serving the built app), the local identity
 * provider, PostgreSQL and NATS, the demo province seeded, and Debian's chromium driven by
 * playwright-core. People sign in through the identity provider's login form, as they would.
 *
 * One spec file per area (test/<area>.e2e-spec.ts), each with its own platform: they run in
 * parallel without sharing data. Screenshots go to SCREENSHOTS (below).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Where screenshots go: .data/screenshots (ignored by git, so a test run leaves the tree clean);
 * `npm run screenshots` sets SCREENSHOTS_DIR=docs/screenshots to refresh the documentation's.
 */
export const SCREENSHOTS = process.env.SCREENSHOTS_DIR
  ? isAbsolute(process.env.SCREENSHOTS_DIR)
    ? process.env.SCREENSHOTS_DIR
    : join(REPO_ROOT, process.env.SCREENSHOTS_DIR)
  : join(REPO_ROOT, '.data/screenshots');
/** The built app the gateway serves (WEB_DIST_DIR overrides, e.g. a build of one's own). */
export const WEB_DIST = process.env.WEB_DIST_DIR ? (isAbsolute(process.env.WEB_DIST_DIR) ? process.env.WEB_DIST_DIR : join(REPO_ROOT, process.env.WEB_DIST_DIR)) : join(REPO_ROOT, 'dist/apps/web');

const haveChromium = existsSync(CHROMIUM);
/**
 * The browser tests are part of every run: without chromium they fail (naming how to install it)
 * rather than skip, so no run can pass without them unnoticed. A run that means to go without
 * them says so with SKIP_BROWSER_TESTS=1 (then they are skipped, with a warning); CI cannot opt
 * out (.ci/run installs chromium).
 */
const skipBrowserTests = process.env.SKIP_BROWSER_TESTS === '1' && !process.env.CI;
const MISSING_CHROMIUM = `the web app's browser tests need chromium at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH to a chromium); to run without the browser tests, set SKIP_BROWSER_TESTS=1${process.env.CI ? ' (not allowed in CI, where .ci/run installs chromium)' : ''}`;
if (skipBrowserTests) console.warn(`web end-to-end tests skipped: SKIP_BROWSER_TESTS=1`);
export { haveChromium };
/**
 * `describe` when chromium is here; with SKIP_BROWSER_TESTS=1, `describe.skip` (with a warning);
 * otherwise a suite whose one test fails with how to install chromium.
 */
export const describeInBrowser: (name: string, body: () => void) => void = skipBrowserTests
  ? (name, body) => describe.skip(name, body)
  : haveChromium
    ? (name, body) => describe(name, body)
    : (name) =>
        describe(name, () => {
          it('runs in chromium', () => {
            throw new Error(MISSING_CHROMIUM);
          });
        });

export type ServiceName = 'directory' | 'project-library' | 'issue-tracking' | 'voting' | 'supervision-scheduling' | 'publication' | 'personnel-assessment';

/** Services with a demo seed, in the order they must run (the directory first: the others read its units). */
const SEEDED: readonly ServiceName[] = ['directory', 'project-library', 'issue-tracking', 'voting'];

export interface ViewportOptions {
  width: number;
  height: number;
  /** Phones and tablets: touch events, the mobile meta viewport. */
  mobile?: boolean;
}

export const DESKTOP: ViewportOptions = { width: 1440, height: 900 };
/** A phone in portrait (the size of a common Android phone), for the member's voting page. */
export const PHONE: ViewportOptions = { width: 390, height: 844, mobile: true };
/** A tablet in landscape, as members hold them in the meeting hall. */
export const TABLET: ViewportOptions = { width: 1180, height: 820, mobile: true };

export interface Platform {
  /** The app's origin, e.g. http://localhost:41234 (the gateway). */
  app: string;
  idp: LocalIdp;
  db: TestDatabase;
  /** The NATS subject namespace the services of this platform share. */
  namespace: string;
  browser: Browser;
  /** A fresh browser profile: Chinese, Beijing time, downloads allowed, reduced motion. */
  newContext(viewport?: ViewportOptions): Promise<BrowserContext>;
  /** Opens `path`, is sent to the identity provider, signs in as `username` (password demo) and comes back. */
  signIn(context: BrowserContext, username: string, path?: string, screenshot?: string): Promise<Page>;
  /** Saves a screenshot under docs/screenshots/<name>. */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the platform for one spec file (specs call usePlatform, which does it in beforeAll and
 * closes it in afterAll). `services` are started beside the gateway; those with demo data are
 * seeded first.
 */
/**
 * Environment of one service beyond the test servers' (e.g. the directory's identity provider), or
 * a function of the platform's own identity provider, which starts first: e.g. the directory's
 * admin API of it, `(idp) => ({ directory: { IDP_ADMIN_URL: idp.url, … } })`.
 */
export type ServiceEnvs = Partial<Record<ServiceName, Record<string, string>>>;
export type ServiceEnvsOf = ServiceEnvs | ((idp: LocalIdp) => ServiceEnvs);

export async function startPlatform(services: readonly ServiceName[], extraGatewayEnv: Record<string, string> = {}, serviceEnvsOf: ServiceEnvsOf = {}): Promise<Platform> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST} has no index.html: build first (npm test and npm run build do).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const db = await createTestDatabase();
  const ns = createTestNamespace();
  // The gateway's port is chosen first: the identity provider must accept it as a redirect URI.
  const port = await freePort();
  const app = `http://localhost:${port}`;
  const idp = await startTestIdp({ webRedirectUris: [`${app}/*`] });
  const serviceEnvs = typeof serviceEnvsOf === 'function' ? serviceEnvsOf(idp) : serviceEnvsOf;
  const env = serviceEnv(db.url, ns.namespace);
  for (const service of SEEDED) if (services.includes(service)) await runServiceSeed(service, env);
  let processes: ServiceProcess[] = [];
  let browser: Browser | undefined;
  try {
    processes = await startServiceProcesses([
      ...services.map((name) => ({ name, env: { ...env, ...serviceEnvs[name] } })),
      // The gateway's defaults, as in production (a logout is a form POST, WEB_OIDC_LOGOUT_METHOD=post): the local
      // identity provider takes it as Keycloak does. A spec against Keycloak overrides the issuer.
      { name: 'gateway', env: { ...env, PORT: String(port), KEYCLOAK_URL: idp.url, KEYCLOAK_REALM: 'congress', WEB_DIST_DIR: WEB_DIST, ...extraGatewayEnv } },
    ]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  } catch (error) {
    await Promise.all(processes.map((p) => p.kill()));
    await idp.close();
    await ns.cleanup();
    await db.drop();
    throw error;
  }
  const launched = browser;

  return {
    app,
    idp,
    db,
    namespace: ns.namespace,
    browser: launched,
    newContext: async (viewport = DESKTOP) => {
      const context = await launched.newContext({
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: viewport.width, height: viewport.height },
        isMobile: viewport.mobile ?? false,
        hasTouch: viewport.mobile ?? false,
        acceptDownloads: true,
        // The app honours 「减少动态效果」: menus and dialogs open without zoom or slide. Clicking
        // a menu item or a dialog's button while it is still sliding in can lose the click under
        // CI load (mousedown and mouseup land on different elements); people do not click
        // that fast, tests do.
        reducedMotion: 'reduce',
      });
      journal.watch(context);
      return context;
    },
    async signIn(context, username, path = '/', screenshot) {
      const page = await context.newPage();
      await page.goto(`${app}${path}`);
      await page.waitForURL(/\/realms\/congress\/login-actions\//, { timeout: 30_000 });
      await page.locator('#username').fill(username);
      await page.locator('#password').fill('demo');
      if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith('/auth/'), { timeout: 30_000 });
      return page;
    },
    async screenshot(page, name, options) {
      await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: options?.fullPage ?? false });
    },
    async close() {
      await launched.close();
      await Promise.all(processes.map((p) => p.kill()));
      await idp.close();
      await ns.cleanup();
      await db.drop();
    },
  };
}

/** A spec's platform: there once the spec's beforeAll has run. */
export interface RunningPlatform {
  readonly platform: Platform;
  /** The app's origin (platform.app). */
  readonly app: string;
}

/**
 * Starts the platform before a spec's tests (180 s allowed) and closes it after them: call once
 * inside the spec's describe.
 */
export function usePlatform(services: readonly ServiceName[], extraGatewayEnv: Record<string, string> = {}, serviceEnvs: ServiceEnvsOf = {}): RunningPlatform {
  let started: Platform | undefined;
  beforeAll(async () => {
    started = await startPlatform(services, extraGatewayEnv, serviceEnvs);
  }, 180_000);
  afterAll(async () => {
    await started?.close();
  });
  const platform = () => {
    if (!started) throw new Error('the platform is not running: use it inside a test, after beforeAll');
    return started;
  };
  return {
    get platform() {
      return platform();
    },
    get app() {
      return platform().app;
    },
  };
}

/**
 * What the browser did, kept for the error of a failing test: per page, navigations, requests
 * (with those still unanswered listed apart), failed requests, console errors and page errors.
 * A step that "never happens" in a browser test is nearly always a request nobody answered or
 * an error in the page; this says which.
 */
class BrowserJournal {
  private readonly lines: string[] = [];
  private readonly pending = new Map<Request, string>();
  private pages = 0;

  watch(context: BrowserContext): void {
    context.on('page', (page) => this.watchPage(page));
  }

  private watchPage(page: Page): void {
    const tag = `p${++this.pages}`;
    const note = (line: string) => {
      this.lines.push(`${new Date().toISOString().slice(11, 23)} ${tag} ${line}`);
      if (this.lines.length > 400) this.lines.shift();
    };
    const short = (url: string) => (url.length > 160 ? `${url.slice(0, 160)}…` : url);
    page.on('framenavigated', (frame) => frame === page.mainFrame() && note(`navigated ${short(frame.url())}`));
    page.on('console', (message) => ['error', 'warning'].includes(message.type()) && note(`console.${message.type()} ${message.text().slice(0, 300)}`));
    page.on('pageerror', (error) => note(`pageerror ${error.message}`));
    page.on('request', (request) => {
      if (['image', 'font', 'stylesheet', 'script', 'media'].includes(request.resourceType())) return;
      const line = `${request.method()} ${short(request.url())}`;
      this.pending.set(request, `${tag} ${line}`);
      note(`→ ${line}`);
    });
    page.on('requestfinished', (request) => {
      if (!this.pending.delete(request)) return;
      void request.response().then((response) => note(`← ${response?.status() ?? '?'} ${request.method()} ${short(request.url())}`), () => undefined);
    });
    page.on('requestfailed', (request) => {
      this.pending.delete(request);
      note(`✗ ${request.method()} ${short(request.url())} ${request.failure()?.errorText ?? ''}`);
    });
    page.on('close', () => note('closed'));
  }

  toString(): string {
    const unanswered = [...this.pending.values()];
    return `browser journal (last ${this.lines.length} events):\n${this.lines.join('\n')}\nunanswered requests: ${unanswered.length ? `\n${unanswered.join('\n')}` : 'none'}`;
  }
}

const journal = new BrowserJournal();

/**
 * Wraps a test's body: a failure carries the browser journal (what every page of the spec
 * requested, what went unanswered, what the console said), so a step that timed out in CI
 * can be explained from the log alone.
 */
export function journalled(body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (error) {
      if (error instanceof Error) {
        error.message = `${error.message}\n\n${journal.toString()}`;
        throw error;
      }
      throw new Error(`${String(error)}\n\n${journal.toString()}`);
    }
  };
}

/**
 * Logs out through the user menu: RP-initiated logout at the identity provider, which ends the
 * session without asking (the app sends its ID token as id_token_hint, as Keycloak wants it), then
 * the app's signed-out page. Returns the logout request the browser sent. A step that does not
 * arrive is named in the error (the browser journal of `journalled` says what the page was doing
 * meanwhile).
 */
export async function signOut(page: Page, app: string): Promise<Request> {
  const step = async <T>(what: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      throw new Error(`logout: ${what} did not happen (now at ${page.url()}): ${String(error)}`);
    }
  };
  const logout = page.waitForRequest((request) => request.isNavigationRequest() && /\/protocol\/openid-connect\/logout$/.test(new URL(request.url()).pathname), { timeout: 45_000 });
  await step('the user menu', () => page.getByTestId('user-menu').click());
  await step('the logout item', () => page.getByRole('menuitem', { name: '退出登录' }).click());
  const request = await step("the identity provider's logout", () => logout);
  await step('the signed-out page', () => page.waitForURL(`${app}/auth/signed-out`, { waitUntil: 'commit', timeout: 45_000 }));
  return request;
}

const AXE_SOURCE = join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');

export interface AccessibilityViolation {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules: labels on controls, names of buttons and links,
 * colour contrast, ARIA use, landmarks…) on the page as it is now, and returns what it finds.
 */
export async function accessibilityViolations(page: Page, options: { exclude?: string[] } = {}): Promise<AccessibilityViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.addScriptTag({ path: AXE_SOURCE });
  const script = `window.axe.run({ exclude: ${JSON.stringify((options.exclude ?? []).map((s) => [s]))} }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + (n.any[0] && n.any[0].message ? ' — ' + n.any[0].message : '')) })))`;
  return (await page.evaluate(script)) as AccessibilityViolation[];
}

/** Fails, listing each rule and where, when axe-core finds a WCAG 2.1 A/AA violation on the page. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await accessibilityViolations(page);
  if (violations.length) {
    throw new Error(`${what}: accessibility violations (axe-core, WCAG 2.1 AA):\n${violations.map((v) => `- ${v.rule} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n')}`);
  }
}
