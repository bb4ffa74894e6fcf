import { describe, expect, it } from '@jest/globals';
import { byUrgency } from './urgency';

describe('portal order', () => {
  it('puts open problems first, red before yellow before green, then the nearest deadline', () => {
    const problems = [
      { number: 'a', status: 'closed' as const, light: 'green' as const, deadline: '2020-01-01' },
      { number: 'b', status: 'rectifying' as const, light: 'green' as const, deadline: '2030-01-01' },
      { number: 'c', status: 'rectifying' as const, light: 'green' as const, deadline: '2029-01-01' },
      { number: 'd', status: 'assigned' as const, light: 'red' as const, deadline: '2031-01-01' },
      { number: 'e', status: 'extended' as const, light: 'yellow' as const, deadline: null },
    ];
    expect([...problems].sort(byUrgency).map((p) => p.number)).toEqual(['d', 'e', 'c', 'b', 'a']);
  });
});
