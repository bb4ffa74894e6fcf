import type { IncomingMessage } from 'node:http';

import type { KoaContext, Middleware, Next } from 'oidc-provider';

import { readSmallBody } from './http-body.js';

/**
 * RP-initiated logout by form POST, which Keycloak takes (and the specification asks every
 * provider to): the web app posts its logout so the ID token it sends as `id_token_hint` stays out
 * of URLs and the browser's history (hall tablets, docs/decisions/0021).
 *
 * oidc-provider 9 serves POST at its logout endpoint only with `enableHttpPostMethods`, which it
 * allows only with `cookies.long.sameSite = 'none'`; browsers keep such cookies only when they are
 * also Secure, which oidc-provider sets only over https. On the http of `npm start` and the tests
 * the session cookie would be dropped and no one could sign in. So this middleware, ahead of
 * oidc-provider's routes, hands a form POST to the logout endpoint on as the GET it serves: the
 * same parameters (the body's, after any of the URL's), the same checks, the same pages. The
 * session cookie (SameSite=Lax) comes with the POST because the app and this provider are the same
 * site (localhost, any port), as in `npm start` and the tests.
 */
export function logoutByPost(endSessionPath: string): Middleware {
  return async (ctx: KoaContext, next: Next) => {
    if (ctx.method === 'POST' && ctx.path === endSessionPath && /^application\/x-www-form-urlencoded\b/i.test(ctx.get('content-type'))) {
      const query = new URLSearchParams(ctx.querystring);
      for (const [name, value] of new URLSearchParams(await readSmallBody(ctx.req))) query.append(name, value);
      // oidc-provider finds its mount path (for the URLs it writes, e.g. the logout form's) as what
      // originalUrl has before req.url (server.ts sets both): both get the new query.
      const req = ctx.req as IncomingMessage & { originalUrl?: string };
      const before = req.url ?? '';
      const mountPath = req.originalUrl?.endsWith(before) ? req.originalUrl.slice(0, req.originalUrl.length - before.length) : '';
      ctx.method = 'GET';
      ctx.querystring = query.toString();
      req.originalUrl = `${mountPath}${req.url ?? ''}`;
    }
    return next();
  };
}

/**
 * Whether the logout may go ahead without asking, as Keycloak does: the request carried an
 * `id_token_hint` (oidc-provider has already checked its signature, issuer and audience, and that
 * any client_id and post_logout_redirect_uri belong to its client) issued to the person signed in
 * here. Without one (a tab that lost its tokens), or with another person's, the person is asked.
 */
export function hintNamesSignedInPerson(ctx: KoaContext): boolean {
  const subject = ctx.oidc.entities.IdTokenHint?.payload.sub;
  return typeof subject === 'string' && subject === ctx.oidc.session?.accountId;
}
