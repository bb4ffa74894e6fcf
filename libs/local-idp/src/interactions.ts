import type { KoaContext, Middleware, Next, Provider } from 'oidc-provider';

import { readSmallBody } from './http-body.js';
import { LOGIN_FAILED_MESSAGE, errorPage, loginPage } from './pages.js';
import { LOGIN_ACTIONS_PATH } from './provider-config.js';
import type { UserStore } from './users.js';

/**
 * The login step of the authorization code flow. oidc-provider redirects the browser to
 * <realm>/login-actions/<uid> (interactions.url) and sets an interaction cookie for that path;
 * GET shows the form, POST checks the password and hands the account back to oidc-provider,
 * which then resumes the authorization request. Registered with provider.use(), so paths are
 * relative to the realm and there is no ctx.oidc here.
 */
export function loginInteractions(provider: Provider, users: UserStore, realmPath: string): Middleware {
  return async (ctx: KoaContext, next: Next) => {
    if (!ctx.path.startsWith(LOGIN_ACTIONS_PATH)) return next();
    const uid = ctx.path.slice(LOGIN_ACTIONS_PATH.length);
    if (!/^[\w-]+$/.test(uid) || (ctx.method !== 'GET' && ctx.method !== 'POST')) return next();

    ctx.set('Cache-Control', 'no-store');
    try {
      await handle(ctx, provider, users, `${realmPath}${LOGIN_ACTIONS_PATH}${uid}`);
    } catch (error) {
      // A missing interaction cookie or an expired interaction (oidc-provider's SessionNotFound,
      // status 400) is the user's everyday case of a stale tab: show a page, not a stack.
      const { status, error: code, error_description: description } = error as { status?: number; error?: string; error_description?: string };
      if (!status || status >= 500) throw error;
      html(ctx, status, errorPage({ error: code ?? 'invalid_request', error_description: description ?? '登录请求已失效，请返回应用重新登录' }));
    }
  };
}

async function handle(ctx: KoaContext, provider: Provider, users: UserStore, action: string): Promise<void> {
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
  const username = form.get('username') ?? '';
  const user = users.authenticate(username, form.get('password') ?? '');
  if (!user) {
    // Like Keycloak: the form again, 200, without saying which of the two was wrong.
    return html(ctx, 200, loginPage({ action, username, error: LOGIN_FAILED_MESSAGE }));
  }
  const returnTo = await provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId: user.subject } },
    { mergeWithLastSubmission: false },
  );
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
