import { describe, expect, it } from '@jest/globals';
import { HALL_DEVICE_KEY, IDLE_DEFAULT_SECONDS, clampIdleSeconds, hallDeviceFromUrl, hallUrl, isHallPath, readHallDevice, writeHallDevice, type KeyValueStore } from './hall-device';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function store(entries: Record<string, string> = {}): KeyValueStore & { entries: Map<string, string> } {
  const map = new Map(Object.entries(entries));
  return {
    entries: map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

describe('the hall tablet device flag', () => {
  it('round-trips the evaluation, its title and meeting, and the idle limit', () => {
    const s = store();
    writeHallDevice(s, { evaluationId: ID, reportTitle: '关于优化营商环境的报告', meeting: '市六届人大常委会第四次会议', idleSeconds: 120 });
    expect(readHallDevice(s)).toEqual({ evaluationId: ID, reportTitle: '关于优化营商环境的报告', meeting: '市六届人大常委会第四次会议', idleSeconds: 120 });
  });

  it('stores only the flag’s own fields, so nothing personal can ride along', () => {
    const s = store();
    writeHallDevice(s, { evaluationId: ID, idleSeconds: 180, ...({ name: '谭玉兰', token: 'eyJ…' } as object) });
    expect(Object.keys(JSON.parse(s.entries.get(HALL_DEVICE_KEY)!))).toEqual(['evaluationId', 'idleSeconds']);
  });

  it('reads no flag from nothing, from broken JSON or from an evaluation id that is not a UUID', () => {
    expect(readHallDevice(store())).toBeUndefined();
    expect(readHallDevice(store({ [HALL_DEVICE_KEY]: '{' }))).toBeUndefined();
    expect(readHallDevice(store({ [HALL_DEVICE_KEY]: JSON.stringify({ evaluationId: '../projects' }) }))).toBeUndefined();
  });

  it('keeps the idle limit between 30 s and 30 min, 3 min when unreadable', () => {
    expect(clampIdleSeconds('5')).toBe(30);
    expect(clampIdleSeconds(99_999)).toBe(1800);
    expect(clampIdleSeconds('90')).toBe(90);
    expect(clampIdleSeconds('1e3')).toBe(IDLE_DEFAULT_SECONDS);
    expect(clampIdleSeconds(undefined)).toBe(IDLE_DEFAULT_SECONDS);
  });
});

describe('the bookmarked hall address', () => {
  it('sets the flag from ?evaluation= and ?idle=', () => {
    expect(hallDeviceFromUrl(`?evaluation=${ID.toUpperCase()}&idle=60`, undefined)).toEqual({ evaluationId: ID, reportTitle: undefined, meeting: undefined, idleSeconds: 60 });
  });

  it('keeps the known title for the same evaluation and drops it for another', () => {
    const current = { evaluationId: ID, reportTitle: '报告', meeting: '会议', idleSeconds: 240 };
    expect(hallDeviceFromUrl(`?evaluation=${ID}`, current)).toEqual(current);
    const other = 'a1b2c3d4-0000-4000-8000-000000000001';
    expect(hallDeviceFromUrl(`?evaluation=${other}`, current)).toEqual({ evaluationId: other, reportTitle: undefined, meeting: undefined, idleSeconds: IDLE_DEFAULT_SECONDS });
  });

  it('names an invalid id as such and ignores an address without one', () => {
    expect(hallDeviceFromUrl('?evaluation=42', undefined)).toBe('invalid');
    expect(hallDeviceFromUrl('?x=1', undefined)).toBeUndefined();
  });

  it('writes the address for further tablets, with the idle limit only when it is not the default', () => {
    expect(hallUrl('https://jd.example.gov.cn', { evaluationId: ID, idleSeconds: 180 })).toBe(`https://jd.example.gov.cn/hall?evaluation=${ID}`);
    expect(hallUrl('https://jd.example.gov.cn', { evaluationId: ID, idleSeconds: 300 })).toBe(`https://jd.example.gov.cn/hall?evaluation=${ID}&idle=300`);
  });

  it('knows the hall paths', () => {
    expect(['/hall', '/hall/done', '/hall/setup'].every(isHallPath)).toBe(true);
    expect(['/', '/hallway', '/evaluations/hall'].some(isHallPath)).toBe(false);
  });
});
