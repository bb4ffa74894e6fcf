import { describe, expect, it } from '@jest/globals';
import { ballotBoxTable } from './ballot-box.js';

describe('ballot box', () => {
  it('is a table per evaluation, named from its id only', () => {
    expect(ballotBoxTable('018f0000-0000-7000-8000-0000000000aa')).toBe('ballot_box_018f00000000700080000000000000aa');
    expect(() => ballotBoxTable('x; DROP TABLE y')).toThrow();
  });
});
