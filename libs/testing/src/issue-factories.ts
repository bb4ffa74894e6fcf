import type { Actor, FindingInput, ProblemInput } from '@congress/contracts';

// Inputs of issue-tracking's aggregates (findings, opinions, problems) and the 郴州 people who
// act on them in tests; override only what the test is about.

/** 郴州市发展和改革委员会, a responsible body of the demo city. */
export const FGW_BODY = 'a5e55adf-9030-5f99-9178-0586395daf56';
/** 郴州市生态环境局, another responsible body of the demo city. */
export const STHJJ_BODY = '267af8e2-ea90-591b-ad08-e7945d5f1fdf';

/** Who acts on 郴州's problem lists in tests: office roles, a member, two bodies' liaisons, and 资兴's staff (another unit). */
export const issueActors = {
  staff: { subject: 's1', username: 'chenzhou-staff', unitCode: '431000', roles: ['staff'] },
  leader: { subject: 'l1', username: 'chenzhou-leader', unitCode: '431000', roles: ['leader', 'member'] },
  member: { subject: 'm1', username: 'chenzhou-member01', unitCode: '431000', roles: ['member'] },
  fgw: { subject: 'f1', username: 'chenzhou-fgw', unitCode: '431000', roles: ['body-liaison'], bodyId: FGW_BODY },
  sthjj: { subject: 'e1', username: 'chenzhou-sthjj', unitCode: '431000', roles: ['body-liaison'], bodyId: STHJJ_BODY },
  zixing: { subject: 'z1', username: 'zixing-staff', unitCode: '431081', roles: ['staff'] },
} satisfies Record<string, Actor>;

/** A problem of an opinion's list (问题), due far in the future, of the 发改委. */
export function aProblem(overrides: Partial<ProblemInput> = {}): ProblemInput {
  return {
    description: '工程建设项目审批环节多、时限长，企业反映强烈',
    place: '市政务服务中心',
    category: '审批服务',
    responsibleBodyId: FGW_BODY,
    coBodyIds: [],
    responsiblePerson: '孙涛',
    deadline: '2099-12-31',
    measures: '',
    requiredEvidence: [],
    findingId: null,
    ...overrides,
  };
}

/** The project an opinion or finding belongs to (unit and year give problem numbers). */
export interface IssueProjectRef {
  projectId: string;
  unitCode: string;
  year: number;
}

/** A deliberation opinion (审议意见) of a project, with no findings turned into problems. */
export function anOpinion(ref: IssueProjectRef, overrides: Partial<{ session: string; deliberatedOn: string; text: string; findingIds: string[] }> = {}) {
  return { ...ref, session: '市五届人大常委会第三十三次会议', deliberatedOn: '2021-04-28', text: '审议意见：进一步优化营商环境，压减审批时限。', findingIds: [] as string[], ...overrides };
}

/** A research finding (调研发现) of a project, suggesting the 发改委 as responsible body. */
export function aFinding(ref: IssueProjectRef, overrides: Partial<FindingInput> = {}) {
  return { ...ref, description: '不动产登记"一窗受理"未落实，群众多头跑', place: '市不动产登记中心', category: '政务服务', suggestedBodyId: FGW_BODY as string | null, ...overrides };
}

/** The record of a file attached to a problem (the bytes are the gateway's). */
export function anAttachment(ownerId: string, overrides: Partial<{ ownerType: 'problem' | 'finding'; name: string; contentType: string; size: number; sha256: string; evidence: 'document' | 'site-photo' | 'deputy-confirmation' | 'other' | null; blobKey: string }> = {}) {
  return {
    ownerType: 'problem' as 'problem' | 'finding',
    ownerId,
    name: '整改报告.pdf',
    contentType: 'application/pdf',
    size: 1000,
    sha256: 'a'.repeat(64),
    evidence: null as 'document' | 'site-photo' | 'deputy-confirmation' | 'other' | null,
    blobKey: `k-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    ...overrides,
  };
}
