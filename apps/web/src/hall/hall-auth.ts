import { InMemoryWebStorage, MetadataService, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { RuntimeConfig } from '../app/runtime-config';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from '../auth/oidc';
import { currentLanguage } from '../i18n';
import { HALL_TURN_KEY, wipeBrowserStores, type BrowserStores } from './hall-wipe';

/** Where the hall sends the browser after a member's turn; `reason` picks the screen's wording. */
export const HALL_DONE_PATH = '/hall/done';
export const HALL_END_REASONS = ['voted', 'exit', 'idle', 'interrupted', 'setup'] as const;
export type HallEndReason = (typeof HALL_END_REASONS)[number];

export function isHallEndReason(value: unknown): value is HallEndReason {
  return typeof value === 'string' && (HALL_END_REASONS as readonly string[]).includes(value);
}

/**
 * The OIDC client of a hall tablet: the same public client and PKCE flow as the app
 * (auth/oidc.ts), with three differences:
 *
 * - `prompt=login`: the identity provider asks for a password on every sign-in, even if someone's
 *   session is still alive there, so no member can ever continue as the one before;
 * - tokens are kept in memory only (InMemoryWebStorage), never in Web Storage: they die with the
 *   page, a crashed or restored browser cannot bring them back (Chromium restores sessionStorage
 *   with the tabs), and nothing needs wiping from disk. The price: a reload ends the turn;
 * - the sign-in's transient state (PKCE verifier, state) goes to sessionStorage, which the
 *   callback empties, instead of localStorage.
 */
export function createHallUserManager(config: RuntimeConfig['oidc']): UserManager {
  const origin = window.location.origin;
  const userManager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scope,
    response_type: 'code',
    prompt: 'login',
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}${HALL_DONE_PATH}`,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    loadUserInfo: false,
    monitorSession: false,
    revokeTokensOnSignout: false,
  });
  logoutMethods.set(userManager, config.logoutMethod === 'post' ? 'post' : 'get');
  return userManager;
}

const logoutMethods = new WeakMap<UserManager, 'post' | 'get'>();

// The identity provider's discovery document, read once per page: the end of a turn must not
// depend on one more request to it.
const metadata = new WeakMap<UserManager, MetadataService>();

/** The identity provider's logout endpoint (discovery), fetched once and kept; call early to have it ready. */
export function endSessionEndpoint(userManager: UserManager): Promise<string | undefined> {
  let service = metadata.get(userManager);
  if (!service) {
    service = new MetadataService(userManager.settings);
    metadata.set(userManager, service);
  }
  return service.getEndSessionEndpoint().catch(() => undefined);
}

/** The browser's own stores, for wipeBrowserStores. */
export function windowStores(): BrowserStores {
  return {
    localStorage: window.localStorage,
    sessionStorage: window.sessionStorage,
    caches: 'caches' in window ? window.caches : undefined,
    indexedDB: 'indexedDB' in window ? window.indexedDB : undefined,
    cookies: {
      read: () => document.cookie,
      expire: (name) => {
        document.cookie = `${name}=; Max-Age=0; path=/`;
      },
    },
  };
}

/** Marks this tab as holding someone's session (called when a sign-in completes). */
export function markTurnStarted(): void {
  window.sessionStorage.setItem(HALL_TURN_KEY, '1');
}

/** A session was signed in through this tab, but the page was reloaded and the tokens are gone with it. */
export function turnInterrupted(): boolean {
  return window.sessionStorage.getItem(HALL_TURN_KEY) === '1';
}

/**
 * Ends a turn: revokes the refresh token (best effort, two seconds at most), forgets the tokens,
 * wipes the browser's stores (wipeBrowserStores), then ends the session at the identity provider
 * and comes back to /hall/done?reason=… (or, when the office has just ended the hall mode, to the
 * app's signed-out page).
 *
 * The logout request is a form POST (RP-initiated logout allows GET and POST; Keycloak and the
 * local identity provider take both): as a GET, the ID token (with the member's name) would sit in
 * the tablet's history inside the URL. The gateway's /config.json says `get` for an identity
 * provider that takes GET only. With the ID token as id_token_hint Keycloak (and the local identity
 * provider) end the session without asking; without one (a reload lost it) they ask the person at
 * the tablet to confirm.
 */
export async function endHallTurn(userManager: UserManager, reason: HallEndReason | 'released'): Promise<void> {
  const user = await userManager.getUser().catch(() => null);
  const idToken = user?.id_token;
  await Promise.race([userManager.revokeTokens(['refresh_token']).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  await userManager.removeUser().catch(() => undefined);
  await userManager.clearStaleState().catch(() => undefined);
  await wipeBrowserStores(windowStores());

  const back = reason === 'released' ? `${window.location.origin}${SIGNED_OUT_PATH}` : `${window.location.origin}${HALL_DONE_PATH}?reason=${reason}`;
  const endpoint = await endSessionEndpoint(userManager);
  if (!endpoint) {
    // The identity provider is unreachable: the tokens are gone here at least.
    window.location.replace(back);
    return;
  }
  const params = {
    ...(idToken ? { id_token_hint: idToken } : {}),
    client_id: userManager.settings.client_id,
    post_logout_redirect_uri: back,
    ui_locales: currentLanguage(),
  };
  if (logoutMethods.get(userManager) === 'post') {
    postForm(endpoint, params);
  } else {
    const url = new URL(endpoint);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    window.location.replace(url.href);
  }
}

function postForm(action: string, fields: Record<string, string>): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = action;
  form.hidden = true;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}
