import type { Actor, Approval, ProjectInput } from '@congress/contracts';

// Inputs of project-library's aggregates (projects, their responsibility letters, roadmaps,
// schedules and adjustments) and the people who act on them in tests; override only what the
// test is about.

/** Who acts on 郴州's projects in tests: office roles, a member, a body's liaison, and 资兴's staff (another unit). */
export const projectActors = {
  staff: { subject: 's1', username: 'chenzhou-staff', unitCode: '431000', roles: ['staff'] },
  leader: { subject: 'l1', username: 'chenzhou-leader', unitCode: '431000', roles: ['leader', 'member'] },
  member: { subject: 'm1', username: 'chenzhou-member01', unitCode: '431000', roles: ['member'] },
  liaison: { subject: 'f1', username: 'chenzhou-fgw', unitCode: '431000', roles: ['body-liaison'], bodyId: 'a5e55adf-9030-5f99-9178-0586395daf56' },
  zixing: { subject: 'z1', username: 'zixing-staff', unitCode: '431081', roles: ['staff'] },
  zixingLeader: { subject: 'z2', username: 'zixing-leader', unitCode: '431081', roles: ['leader', 'member'] },
} satisfies Record<string, Actor>;

/** A candidate project (滚动录入): 郴州's 2022 report on the "double reduction" in schools. */
export function aProject(overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    title: '关于义务教育"双减"工作情况的报告',
    year: 2022,
    category: 'work-report',
    sources: ['party-priority', 'public-concern'],
    supervisedBodyIds: [],
    leadCommitteeId: null,
    leaderPersonId: null,
    leadSpeakerIds: [],
    ownerPersonId: null,
    plannedSession: null,
    summary: '听取和审议市人民政府关于义务教育阶段减轻学生作业负担和校外培训负担工作情况的报告',
    tags: [],
    ...overrides,
  };
}

/** The decision that puts a project into the year's plan (立项): 党委批转, with its document number. */
export function anApproval(overrides: Partial<Approval> = {}): Approval {
  return { decidingBody: 'party-committee', decisionDate: '2022-02-18', documentNumber: '郴人常发〔2022〕5号', ...overrides };
}

/** One line of a responsibility letter (责任书). */
export function aResponsibility(overrides: Partial<{ role: string; holderName: string; holderPersonId: string | null; duty: string }> = {}) {
  return { role: '牵头领导', holderName: '肖小琴', holderPersonId: null, duty: '统筹调研和审议', ...overrides };
}

/** A dated task of the schedule (施工表), in the spring of 2022. */
export function aTask(overrides: Partial<{ title: string; ownerName: string; ownerPersonId: string | null; milestoneId: string | null; startDate: string; dueDate: string; weight: number }> = {}) {
  return { title: '走访市场主体', ownerName: '高成平', ownerPersonId: null, milestoneId: null, startDate: '2022-03-01', dueDate: '2022-03-31', weight: 1, ...overrides };
}

/** A dynamic adjustment (动态调整) of the given kind, approved by the chair's council. */
export function anAdjustment<K extends 'add' | 'withdraw' | 'postpone' | 'change'>(
  kind: K,
  overrides: Partial<{ reason: string; approverName: string; approvedOn: string; documentNumber: string | null; changes: Partial<Pick<ProjectInput, 'title' | 'summary' | 'leadCommitteeId' | 'leaderPersonId' | 'ownerPersonId' | 'supervisedBodyIds'>> }> = {},
) {
  return { kind, reason: '群众反映强烈，年中调整', approverName: '主任会议', approvedOn: '2023-06-20', documentNumber: '郴人常办〔2023〕12号' as string | null, ...overrides };
}
