import type { BattleMap } from '../../api/types';

type MapProject = BattleMap['projects'][number];

/** One row of the battle map: a project (its span, progress, health) or one of its tasks. */
export interface GanttRow {
  kind: 'project' | 'task';
  projectId: string;
  label: string;
  /** YYYY-MM-DD, inclusive. */
  start: string;
  end: string;
  /** project: its health; task: done, late (past due, not done) or open. */
  state: 'green' | 'yellow' | 'red' | 'done' | 'late' | 'open';
  percent: number;
}

export interface GanttMilestone {
  row: number;
  projectId: string;
  title: string;
  date: string;
  state: 'done' | 'late' | 'open';
}

/**
 * Lays the battle map out as rows (a project, then its tasks when `withTasks`) and milestone
 * marks. A project spans from its earliest task start or milestone to its latest due date; one
 * with neither spans the year, so it is still on the map. Pure: dates are ISO strings compared
 * as text, today is the server's.
 */
export function ganttRows(map: BattleMap, withTasks: boolean): { rows: GanttRow[]; milestones: GanttMilestone[] } {
  const rows: GanttRow[] = [];
  const milestones: GanttMilestone[] = [];
  const yearStart = `${map.year}-01-01`;
  const yearEnd = `${map.year}-12-31`;
  for (const project of map.projects) {
    const dates = [...project.tasks.flatMap((task) => [task.startDate, task.dueDate]), ...project.milestones.map((m) => m.dueDate)].sort();
    const row = rows.length;
    rows.push({
      kind: 'project',
      projectId: project.id,
      label: project.title,
      start: dates[0] ?? yearStart,
      end: dates[dates.length - 1] ?? yearEnd,
      state: project.health,
      percent: Math.round(project.progress),
    });
    for (const m of project.milestones) {
      milestones.push({ row, projectId: project.id, title: m.title, date: m.dueDate, state: m.doneAt ? 'done' : m.dueDate < map.today ? 'late' : 'open' });
    }
    if (withTasks) {
      for (const task of sortedTasks(project)) {
        rows.push({
          kind: 'task',
          projectId: project.id,
          label: task.title,
          start: task.startDate,
          end: task.dueDate,
          state: task.status === 'done' ? 'done' : task.dueDate < map.today ? 'late' : 'open',
          percent: task.percent,
        });
      }
    }
  }
  return { rows, milestones };
}

function sortedTasks(project: MapProject) {
  return [...project.tasks].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.dueDate.localeCompare(b.dueDate));
}
