import type { ProblemItem } from '@congress/contracts';

// Test data for the issue documents. (Factories belong in libs/testing; this one stays here
// until issue-tracking's own tests need it too.)

export const BODY = {
  housing: '018f0000-0000-7000-8000-00000000b001',
  ecology: '018f0000-0000-7000-8000-00000000b002',
  beihu: '018f0000-0000-7000-8000-00000000b003',
} as const;

export const BODY_NAMES: Record<string, string> = {
  [BODY.housing]: '市住房和城乡建设局',
  [BODY.ecology]: '市生态环境局',
  [BODY.beihu]: '北湖区人民政府',
};

export const bodies = {
  idOf: (name: string) => Object.entries(BODY_NAMES).find(([, n]) => n === name)?.[0],
};

const uuid = (n: number) => `018f0000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/** A problem on the ledger; override what the test is about. */
export function aProblemItem(n: number, overrides: Partial<ProblemItem> = {}): ProblemItem {
  return {
    id: uuid(n),
    number: `431000-2021-03-${String(n).padStart(3, '0')}`,
    opinionId: '018f0000-0000-7000-8000-00000000a001',
    projectId: '018f0000-0000-7000-8000-00000000a002',
    unitCode: '431000',
    year: 2021,
    description: `第${n}个问题：部分老旧小区雨污管网未分流`,
    place: '北湖区',
    category: '生态环境',
    responsibleBodyId: BODY.housing,
    coBodyIds: [],
    responsiblePerson: '张三',
    deadline: '2021-12-31',
    measures: `第${n}项措施：分批实施雨污分流改造`,
    requiredEvidence: ['document'],
    findingId: null,
    status: 'rectifying',
    percent: 40,
    lastProgressAt: null,
    assignedAt: '2021-05-10T02:00:00.000Z',
    closedAt: null,
    closedBy: null,
    overdue: false,
    light: 'green',
    version: 1,
    createdAt: '2021-05-08T02:00:00.000Z',
    allowedActions: [],
    ...overrides,
  };
}
