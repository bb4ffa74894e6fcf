import type { KoaContext, Middleware, Next, Provider } from 'oidc-provider';

import { readSmallBody } from './http-body.js';
import { ACCOUNT_DISABLED_MESSAGE, LOGIN_FAILED_MESSAGE, errorPage, loginPage, updatePasswordPage } from './pages.js';
import { hashPassword, passwordPolicyRefusal, verifyPassword } from './passwords.js';
import { LOGIN_ACTIONS_PATH } from './provider-config.js';
import { UPDATE_PASSWORD, type Account, type UserStore } from './users.js';

/** How long the new-password form of a sign-in stays open after the temporary password was given. */
const UPDATE_PASSWORD_TTL_MS = 10 * 60_000;

/** Sign-ins waiting for a new password, by interaction uid (the interaction cookie ties it to one browser). */
type PendingUpdates = Map<string, { subject: string; until: number }>;

/**
 * The login step of the authorization code flow. oidc-provider redirects the browser to
 * <realm>/login-actions/<uid> (interactions.url) and sets an interaction cookie for that path;
 * GET shows the form, POST checks the password and hands the account back to oidc-provider,
 * which then resumes the authorization request. Registered with provider.use(), so paths are
 * relative to the realm and there is no ctx.oidc here.
 */
export function loginInteractions(provider: Provider, users: UserStore, realmPath: string): Middleware {
  const pending: PendingUpdates = new Map();
  return async (ctx: KoaContext, next: Next) => {
    if (!ctx.path.startsWith(LOGIN_ACTIONS_PATH)) return next();
    const uid = ctx.path.slice(LOGIN_ACTIONS_PATH.length);
    if (!/^[\w-]+$/.test(uid) || (ctx.method !== 'GET' && ctx.method !== 'POST')) return next();

    ctx.set('Cache-Control', 'no-store');
    try {
      await handle(ctx, provider, users, pending, `${realmPath}${LOGIN_ACTIONS_PATH}${uid}`);
    } catch (error) {
      // A missing interaction cookie or an expired interaction (oidc-provider's SessionNotFound,
      // status 400) is the user's everyday case of a stale tab: show a page, not a stack.
      const { status, error: code, error_description: description } = error as { status?: number; error?: string; error_description?: string };
      if (!status || status >= 500) throw error;
      html(ctx, status, errorPage({ error: code ?? 'invalid_request', error_description: description ?? '登录请求已失效，请返回应用重新登录' }));
    }
  };
}

async function handle(ctx: KoaContext, provider: Provider, users: UserStore, pending: PendingUpdates, action: string): Promise<void> {
  const interaction = await provider.interactionDetails(ctx.req, ctx.res);

  if (interaction.prompt.name !== 'login') {
    // Consent is granted by loadExistingGrant (provider-config.ts), so oidc-provider should not
    // ask for anything else; resume and let it decide.
    return redirect(ctx, await provider.interactionResult(ctx.req, ctx.res, {}, { mergeWithLastSubmission: true }));
  }

  if (ctx.method === 'GET') {
    const hint = interaction.params.login_hint;
    return html(ctx, 200, loginPage({ action, username: typeof hint === 'string' ? hint : '' }));
  }

  const form = new URLSearchParams(await readSmallBody(ctx.req));
  const now = Date.now();
  for (const [uid, entry] of pending) if (entry.until <= now) pending.delete(uid);

  if (form.get('step') === 'update-password') {
    const waiting = pending.get(interaction.uid);
    const account = waiting ? users.findBySubject(waiting.subject) : undefined;
    // Expired, or the account changed meanwhile: start the sign-in over.
    if (!account?.enabled || !account.requiredActions.includes(UPDATE_PASSWORD)) {
      pending.delete(interaction.uid);
      return html(ctx, 200, loginPage({ action, username: account?.username ?? '', error: account && !account.enabled ? ACCOUNT_DISABLED_MESSAGE : undefined }));
    }
    const refusal = await newPasswordRefusal(account, form.get('password-new') ?? '', form.get('password-confirm') ?? '');
    if (refusal) return html(ctx, 200, updatePasswordPage({ action, username: account.username, error: refusal }));
    await users.save({
      ...account,
      credential: await hashPassword(form.get('password-new') ?? ''),
      requiredActions: account.requiredActions.filter((a) => a !== UPDATE_PASSWORD),
    });
    pending.delete(interaction.uid);
    return finish(ctx, provider, account.subject);
  }

  const username = form.get('username') ?? '';
  const signIn = await users.authenticate(username, form.get('password') ?? '');
  switch (signIn.outcome) {
    case 'invalid':
      // Like Keycloak: the form again, 200, without saying which of the two was wrong.
      return html(ctx, 200, loginPage({ action, username, error: LOGIN_FAILED_MESSAGE }));
    case 'disabled':
      // Keycloak says so, but only after the right password.
      return html(ctx, 200, loginPage({ action, username, error: ACCOUNT_DISABLED_MESSAGE }));
    case 'temporary':
      // Keycloak's required action UPDATE_PASSWORD: a new password first, then the sign-in completes.
      pending.set(interaction.uid, { subject: signIn.account.subject, until: now + UPDATE_PASSWORD_TTL_MS });
      return html(ctx, 200, updatePasswordPage({ action, username: signIn.account.username }));
    case 'ok':
      return finish(ctx, provider, signIn.account.subject);
  }
}

/**
 * Why the new password is refused (Chinese, for the form), or undefined. The realm's policy
 * (at least 10 characters, not the username) and, stricter than Keycloak, not the temporary one.
 */
async function newPasswordRefusal(account: Account, password: string, confirm: string): Promise<string | undefined> {
  if (!password) return '请输入新密码。';
  if (password !== confirm) return '密码不匹配。';
  const policy = passwordPolicyRefusal(password, account.username);
  if (policy) return policy.message;
  if (account.credential && (await verifyPassword(account.credential, password))) return '新密码不能与临时密码相同。';
  return undefined;
}

async function finish(ctx: KoaContext, provider: Provider, subject: string): Promise<void> {
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: subject } }, { mergeWithLastSubmission: false });
  redirect(ctx, returnTo);
}

function html(ctx: KoaContext, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = body;
}

function redirect(ctx: KoaContext, location: string): void {
  // 303: the browser follows with a GET even after the POST of the form.
  ctx.status = 303;
  ctx.redirect(location);
}
