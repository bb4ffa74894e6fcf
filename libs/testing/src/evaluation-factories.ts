import { randomUUID } from 'node:crypto';

let counter = 0;

/**
 * The request to organise a satisfaction evaluation (voting.evaluation.create) in 郴州, a meeting
 * on 2022-06-28 by default; override what the test is about.
 */
export function anEvaluation(
  overrides: Partial<{ unitCode: string; projectId: string; opinionId: string | null; bodyId: string | null; session: string; heldOn: string; reportTitle: string }> = {},
) {
  counter += 1;
  return {
    unitCode: '431000',
    projectId: randomUUID(),
    opinionId: randomUUID(),
    bodyId: null,
    session: '市六届人大常委会第四次会议',
    heldOn: '2022-06-28',
    reportTitle: `市人民政府关于环境状况审议意见研究处理情况的报告（测试${counter}）`,
    ...overrides,
  };
}

/** A paper count (voting.evaluation.paper-result, without the id) that adds up: 40 present, satisfied. */
export function aPaperCount(
  overrides: Partial<{ present: number; counts: { satisfied: number; basic: number; unsatisfied: number; notVoting: number }; clerk: string; scrutineers: string[]; source: 'paper' | 'device' }> = {},
) {
  return { present: 40, counts: { satisfied: 30, basic: 6, unsatisfied: 2, notVoting: 2 }, clerk: '李明', scrutineers: ['王芳', '赵强'], source: 'paper' as const, ...overrides };
}
