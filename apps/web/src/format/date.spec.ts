import { describe, expect, it } from '@jest/globals';
import { formatBeijing } from './date';

describe('dates in Beijing time', () => {
  it('shows an instant as Beijing wall-clock time, whatever the browser zone', () => {
    expect(formatBeijing('2022-03-01T16:30:00Z', 'YYYY-MM-DD HH:mm')).toBe('2022-03-02 00:30');
  });

  it('keeps a calendar date as that day', () => {
    expect(formatBeijing('2022-02-18', 'YYYY-MM-DD')).toBe('2022-02-18');
  });

  it('shows nothing for nothing or garbage', () => {
    expect(formatBeijing(null, 'YYYY-MM-DD')).toBe('');
    expect(formatBeijing('not a date', 'YYYY-MM-DD')).toBe('');
  });
});
