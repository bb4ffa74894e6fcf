import { describe, expect, it } from '@jest/globals';
import { idleState, warningSeconds } from './hall-idle';

describe('idle sign-out on a hall tablet', () => {
  it('warns a minute before the sign-out, halfway for limits under two minutes', () => {
    expect(warningSeconds(180)).toBe(60);
    expect(warningSeconds(600)).toBe(60);
    expect(warningSeconds(60)).toBe(30);
    expect(warningSeconds(30)).toBe(15);
  });

  it('is active until the warning, counts down in whole seconds, then expires', () => {
    const start = 1_000_000;
    expect(idleState(start, start, 180)).toEqual({ phase: 'active', secondsLeft: 180 });
    expect(idleState(start + 119_000, start, 180)).toEqual({ phase: 'active', secondsLeft: 61 });
    expect(idleState(start + 120_000, start, 180)).toEqual({ phase: 'warning', secondsLeft: 60 });
    expect(idleState(start + 179_001, start, 180)).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(idleState(start + 180_000, start, 180)).toEqual({ phase: 'expired', secondsLeft: 0 });
  });

  it('expires at once when the tablet wakes long after the limit', () => {
    expect(idleState(10 * 3_600_000, 0, 180).phase).toBe('expired');
  });

  it('treats a clock that went backwards as activity just now', () => {
    expect(idleState(1_000, 5_000, 180)).toEqual({ phase: 'active', secondsLeft: 180 });
  });
});
