import { describe, expect, it } from '@jest/globals';
import { HALL_DEVICE_KEY } from './hall-device';
import { HALL_TURN_KEY, LANGUAGE_KEY, cookieNames, keysOf, wipeBrowserStores, type WipeableStore } from './hall-wipe';

function store(entries: Record<string, string>): WipeableStore & { map: Map<string, string> } {
  const map = new Map(Object.entries(entries));
  return {
    map,
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    clear: () => map.clear(),
  };
}

describe('wiping a hall tablet after a turn', () => {
  it('keeps only the device flag and the language in localStorage and empties sessionStorage', async () => {
    const local = store({ [HALL_DEVICE_KEY]: '{"evaluationId":"…"}', [LANGUAGE_KEY]: 'zh-CN', 'oidc.8f2c': '{"code_verifier":"…"}', 'congress.menu.collapsed': '1' });
    const session = store({ 'oidc.user:http://idp/realms/congress:congress-web': '{"access_token":"…"}', [HALL_TURN_KEY]: '1', 'congress.unit': '431081' });
    const report = await wipeBrowserStores({ localStorage: local, sessionStorage: session });
    expect(keysOf(local).sort()).toEqual([HALL_DEVICE_KEY, LANGUAGE_KEY].sort());
    expect(session.map.size).toBe(0);
    expect(report).toMatchObject({ localKeys: ['oidc.8f2c', 'congress.menu.collapsed'], sessionKeys: 3 });
  });

  it('deletes every cache, IndexedDB database and script-visible cookie of the origin', async () => {
    const deletedCaches: string[] = [];
    const deletedDatabases: string[] = [];
    const expired: string[] = [];
    const report = await wipeBrowserStores({
      localStorage: store({}),
      sessionStorage: store({}),
      caches: { keys: async () => ['api-v1', 'pages'], delete: async (name) => (deletedCaches.push(name), true) },
      indexedDB: { databases: async () => [{ name: 'drafts' }, {}], deleteDatabase: (name) => deletedDatabases.push(name) },
      cookies: { read: () => 'a=1; b=2', expire: (name) => expired.push(name) },
    });
    expect(deletedCaches).toEqual(['api-v1', 'pages']);
    expect(deletedDatabases).toEqual(['drafts']);
    expect(expired).toEqual(['a', 'b']);
    expect(report).toMatchObject({ caches: 2, databases: 1, cookies: 2 });
  });

  it('reads cookie names from document.cookie', () => {
    expect(cookieNames('')).toEqual([]);
    expect(cookieNames('x=1;  y = 2;z=')).toEqual(['x', 'y', 'z']);
  });
});
