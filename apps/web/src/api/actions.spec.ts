import { describe, expect, it } from '@jest/globals';
import { actionsOf } from './actions';

describe('actionsOf (the API\'s allowedActions)', () => {
  const problem = {
    allowedActions: [
      { action: 'progress', allowed: true, to: 'rectifying' },
      { action: 'close-request', allowed: false, reason: '承办单位联络员不能申请销号（只有牵头责任单位可以）' },
    ],
  };

  it('offers what the state opens, allows what the caller may do, and gives the service\'s reason otherwise', () => {
    const a = actionsOf(problem);
    expect([a.offered('progress'), a.may('progress'), a.reason('progress')]).toEqual([true, true, undefined]);
    expect([a.offered('close-request'), a.may('close-request'), a.reason('close-request')]).toEqual([true, false, '承办单位联络员不能申请销号（只有牵头责任单位可以）']);
    expect([a.offered('accept'), a.may('accept'), a.reason('accept')]).toEqual([false, false, undefined]);
  });

  it('allows nothing for an item not loaded yet', () => {
    expect(actionsOf(undefined).may('progress')).toBe(false);
    expect(actionsOf(null).all).toEqual([]);
  });
});
