import { HALL_DEVICE_KEY } from './hall-device';

// What a hall tablet keeps between two members, and the wiping of everything else (tested in
// hall-wipe.spec.ts with stores of its own; in the browser with window's in HallAuth.ts).

/** sessionStorage: this tab runs in hall mode (so the sign-in callback of a tablet being set up comes back to it). */
export const HALL_TAB_KEY = 'congress.hall.tab';
/** sessionStorage: someone is signed in through this tab; found without a session in memory, the page was reloaded mid-turn. */
export const HALL_TURN_KEY = 'congress.hall.turn';
/** localStorage: the interface language (a setting of the device; i18n/index.ts). */
export const LANGUAGE_KEY = 'congress.language';

/** localStorage keys that survive a member's turn: about the device, never about a person. */
export const KEPT_LOCAL_KEYS: readonly string[] = [HALL_DEVICE_KEY, LANGUAGE_KEY];

/** The part of Web Storage that wiping needs. */
export interface WipeableStore {
  readonly length: number;
  key(index: number): string | null;
  removeItem(key: string): void;
  clear(): void;
}

export interface BrowserStores {
  localStorage: WipeableStore;
  sessionStorage: WipeableStore;
  /** CacheStorage (service-worker caches), where the browser has it. */
  caches?: { keys(): Promise<string[]>; delete(name: string): Promise<boolean> };
  /** IndexedDB, where the browser can list its databases. */
  indexedDB?: { databases?(): Promise<{ name?: string }[]>; deleteDatabase(name: string): unknown };
  /** document.cookie of the app's origin (cookies scripts can see). */
  cookies?: { read(): string; expire(name: string): void };
}

export function keysOf(store: WipeableStore): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (key !== null) keys.push(key);
  }
  return keys;
}

/** Cookie names in a document.cookie string. */
export function cookieNames(cookie: string): string[] {
  return cookie
    .split(';')
    .map((part) => part.split('=')[0]!.trim())
    .filter(Boolean);
}

export interface WipeReport {
  localKeys: string[];
  sessionKeys: number;
  caches: number;
  databases: number;
  cookies: number;
}

/**
 * Removes everything the app may have left in the browser, but the device flag and the language:
 * every sessionStorage key (tokens of the normal mode, sign-in state, the hall markers), every
 * other localStorage key (oidc-client-ts' sign-in state, table settings), every CacheStorage cache
 * and IndexedDB database of the origin (the app makes none today; a later feature must not leak
 * through them), and the cookies scripts can see. Tokens in memory are the caller's to drop first.
 */
export async function wipeBrowserStores(stores: BrowserStores): Promise<WipeReport> {
  const localKeys = keysOf(stores.localStorage).filter((key) => !KEPT_LOCAL_KEYS.includes(key));
  for (const key of localKeys) stores.localStorage.removeItem(key);
  const sessionKeys = stores.sessionStorage.length;
  stores.sessionStorage.clear();

  let caches = 0;
  if (stores.caches) {
    const names = await stores.caches.keys().catch(() => [] as string[]);
    await Promise.all(names.map((name) => stores.caches!.delete(name).catch(() => false)));
    caches = names.length;
  }
  let databases = 0;
  if (stores.indexedDB?.databases) {
    const list = await stores.indexedDB.databases().catch(() => []);
    for (const { name } of list) {
      if (!name) continue;
      stores.indexedDB.deleteDatabase(name);
      databases += 1;
    }
  }
  let cookies = 0;
  if (stores.cookies) {
    for (const name of cookieNames(stores.cookies.read())) {
      stores.cookies.expire(name);
      cookies += 1;
    }
  }
  return { localKeys, sessionKeys, caches, databases, cookies };
}
