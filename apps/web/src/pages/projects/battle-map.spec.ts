import { describe, expect, it } from '@jest/globals';
import type { BattleMap } from '../../api/types';
import { ganttRows } from './battle-map';

const task = (id: string, startDate: string, dueDate: string, status: 'todo' | 'doing' | 'done', percent = 0) => ({
  id,
  projectId: 'p1',
  title: `task ${id}`,
  ownerName: '张三',
  ownerPersonId: null,
  milestoneId: null,
  startDate,
  dueDate,
  weight: 1,
  status,
  percent,
  version: 1,
});

const map: BattleMap = {
  unitCode: '431000',
  year: 2022,
  today: '2022-06-15',
  projects: [
    {
      id: 'p1',
      title: '政府债务管理情况',
      category: 'work-report',
      stage: 'implementing',
      progress: 42.4,
      health: 'red',
      milestones: [
        { id: 'm1', projectId: 'p1', title: '调研', dueDate: '2022-03-31', position: 1, doneAt: '2022-03-30T08:00:00Z' },
        { id: 'm2', projectId: 'p1', title: '审议', dueDate: '2022-06-01', position: 2, doneAt: null },
        { id: 'm3', projectId: 'p1', title: '测评', dueDate: '2022-11-30', position: 3, doneAt: null },
      ],
      tasks: [task('b', '2022-04-01', '2022-05-31', 'doing', 50), task('a', '2022-02-01', '2022-03-31', 'done', 100), task('c', '2022-07-01', '2022-09-30', 'todo')],
    },
    { id: 'p2', title: '稳岗就业工作', category: 'research', stage: 'approved', progress: 0, health: 'green', milestones: [], tasks: [] },
  ],
};

describe('battle map layout', () => {
  it('spans a project from its first start to its last due date, with its health and rounded progress', () => {
    const { rows } = ganttRows(map, false);
    expect(rows).toEqual([
      { kind: 'project', projectId: 'p1', label: '政府债务管理情况', start: '2022-02-01', end: '2022-11-30', state: 'red', percent: 42 },
      { kind: 'project', projectId: 'p2', label: '稳岗就业工作', start: '2022-01-01', end: '2022-12-31', state: 'green', percent: 0 },
    ]);
  });

  it('marks milestones done, late (past due today, not done) or open on their project row', () => {
    const { milestones } = ganttRows(map, true);
    expect(milestones.map((m) => [m.title, m.row, m.state])).toEqual([
      ['调研', 0, 'done'],
      ['审议', 0, 'late'],
      ['测评', 0, 'open'],
    ]);
  });

  it('lists tasks under their project in date order, a task past due and not done as late', () => {
    const { rows } = ganttRows(map, true);
    expect(rows.map((r) => [r.kind, r.label, r.state])).toEqual([
      ['project', '政府债务管理情况', 'red'],
      ['task', 'task a', 'done'],
      ['task', 'task b', 'late'],
      ['task', 'task c', 'open'],
      ['project', '稳岗就业工作', 'green'],
    ]);
  });
});
