import { describe, expect, it } from '@jest/globals';
import { shouldApply } from './roster-copy.rules.js';

describe('roster copy', () => {
  it('applies the first roster it sees', () => {
    expect(shouldApply(undefined, 1)).toBe(true);
  });
  it('applies a newer roster', () => {
    expect(shouldApply(3, 4)).toBe(true);
  });
  it('ignores a roster that is not newer than the one held', () => {
    expect(shouldApply(4, 4)).toBe(false);
    expect(shouldApply(4, 2)).toBe(false);
  });
});
