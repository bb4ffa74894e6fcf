import { describe, expect, it } from '@jest/globals';
import type { BattleMap } from '../../api/types';
import { upcomingItems } from './upcoming';

const milestone = (id: string, title: string, dueDate: string, doneAt: string | null = null) => ({ id, projectId: 'p1', title, dueDate, position: 1, doneAt });
const map = {
  unitCode: '431000',
  year: 2026,
  today: '2026-11-28',
  projects: [
    {
      id: 'p1',
      title: '稳岗就业工作',
      category: 'work-report',
      stage: 'implementing',
      progress: 50,
      health: 'red',
      tasks: [],
      milestones: [milestone('a', '调研', '2026-10-01', '2026-09-30T08:00:00Z'), milestone('b', '审议', '2026-11-20'), milestone('c', '交办', '2026-12-15'), milestone('d', '测评', '2027-03-01')],
    },
  ],
} as unknown as BattleMap;

describe('upcoming items on the workbench', () => {
  it('lists late milestones first, then what is due within 30 days, then evaluations by date; never done or far ones', () => {
    const items = upcomingItems({
      today: '2026-11-28',
      map,
      evaluations: [
        { id: 'e1', session: '市六届人大常委会第九次会议', heldOn: '2026-12-10' },
        { id: 'e0', session: '上次会议', heldOn: '2026-11-01' },
        { id: 'e2', session: '明年会议', heldOn: '2027-02-01' },
      ],
      limit: 10,
    });
    expect(items.map((i) => [i.kind, i.title, i.late, i.to])).toEqual([
      ['milestone', '稳岗就业工作 · 审议', true, '/projects/p1'],
      ['evaluation', '市六届人大常委会第九次会议', false, '/evaluations/e1'],
      ['milestone', '稳岗就业工作 · 交办', false, '/projects/p1'],
    ]);
  });

  it('keeps to the limit', () => {
    expect(upcomingItems({ today: '2026-11-28', map, evaluations: [], limit: 1 })).toHaveLength(1);
  });
});
