import { describe, expect, it } from '@jest/globals';
import { countStages } from './project-stats';

describe('project library at a glance', () => {
  it('counts projects per stage and leaves withdrawn ones out of the total', () => {
    const { byStage, total } = countStages([{ stage: 'implementing' }, { stage: 'implementing' }, { stage: 'closed' }, { stage: 'withdrawn' }]);
    expect(byStage.implementing).toBe(2);
    expect(byStage.reserve).toBe(0);
    expect(total).toBe(3);
  });
});
