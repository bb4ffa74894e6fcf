// The satisfaction evaluations of 郴州 (431000) since 2019, as DESIGN.md tells them: 39 in all
// to the end of 2022, overall satisfaction above 90%, each a report by the responsible body on how
// it handled the standing committee's deliberation opinion (审议意见研究处理情况的报告), counted
// from paper ballots at the meeting. Bodies are named by their full or short names in
// infra/demo/demo-data.json; demo-evaluations.ts resolves them to ids.

import type { EvaluationGrade } from '@congress/contracts';

/**
 * The supervision project a report belongs to. Projects of project-library's demo data carry
 * its year, title and stage exactly (the id is derived from them, see demo-projects.ts); the
 * others are given the same formula with stage 'tracking' (evaluated and now followed up).
 */
export interface ProjectRef {
  year: number;
  title: string;
  stage?: 'evaluating' | 'tracking';
}

/** project-library's demo projects that have an evaluation here (copied: an app never imports another). */
export const DEMO_PROJECTS = {
  environment2020: { year: 2020, title: '环境状况和环境保护目标完成情况的报告', stage: 'tracking' },
  business2021: { year: 2021, title: '优化营商环境专项工作报告', stage: 'evaluating' },
  ruralRevitalization2021: { year: 2021, title: '巩固拓展脱贫攻坚成果同乡村振兴有效衔接情况', stage: 'tracking' },
} as const satisfies Record<string, ProjectRef>;

export interface EvaluationSpec {
  heldOn: string;
  session: string;
  /** The evaluated body, by its name or short name in the demo data. */
  body: string;
  project: ProjectRef;
  /** The project has a demo opinion in issue-tracking's seed: the evaluation points at it. */
  opinion?: true;
  reportTitle: string;
  /** Members present (38–44 of a roster of 45, or 46 from the sixth standing committee on). */
  present: number;
  /** Paper count: satisfied, basically satisfied, unsatisfied; not voting is the rest of those present. */
  counts: [number, number, number];
  /** The grade the count must give under the default rule (checked when loading). */
  grade: EvaluationGrade;
  /** A fixed id another service's demo data already refers to. */
  fixedId?: 'environment2020';
}

const S5 = (n: string) => `市五届人大常委会第${n}次会议`;
const S6 = (n: string) => `市六届人大常委会第${n}次会议`;

/** The city government's sewer and black-odorous-water report: unsatisfied in August 2020, its deferred report passed in December. */
const SEWERS = { year: 2019, title: '城区污水管网建设和黑臭水体治理情况' };

export const EVALUATIONS: EvaluationSpec[] = [
  // ---- 2019: 市五届人大常委会 ---------------------------------------------------------------
  { heldOn: '2019-02-27', session: S5('十九'), body: '市政府', project: { year: 2018, title: '全市脱贫攻坚工作情况' }, reportTitle: '市人民政府关于全市脱贫攻坚工作情况报告审议意见研究处理情况的报告', present: 42, counts: [36, 5, 1], grade: 'satisfied' },
  { heldOn: '2019-02-27', session: S5('十九'), body: '市农业农村局', project: { year: 2018, title: '农村人居环境整治工作情况' }, reportTitle: '市农业农村局关于农村人居环境整治工作情况报告审议意见研究处理情况的报告', present: 40, counts: [31, 7, 2], grade: 'satisfied' },
  { heldOn: '2019-04-25', session: S5('二十'), body: '市中院', project: { year: 2018, title: '基本解决执行难工作情况' }, reportTitle: '市中级人民法院关于基本解决执行难工作情况报告审议意见研究处理情况的报告', present: 41, counts: [33, 6, 2], grade: 'satisfied' },
  { heldOn: '2019-04-25', session: S5('二十'), body: '市教育局', project: { year: 2018, title: '学前教育发展情况' }, reportTitle: '市教育局关于学前教育发展情况报告审议意见研究处理情况的报告', present: 39, counts: [32, 6, 1], grade: 'satisfied' },
  { heldOn: '2019-06-27', session: S5('二十一'), body: '市检察院', project: { year: 2018, title: '公益诉讼检察工作情况' }, reportTitle: '市人民检察院关于公益诉讼检察工作情况报告审议意见研究处理情况的报告', present: 43, counts: [38, 4, 1], grade: 'satisfied' },
  { heldOn: '2019-06-27', session: S5('二十一'), body: '市交通运输局', project: { year: 2018, title: '农村公路建设管理养护情况' }, reportTitle: '市交通运输局关于农村公路建设管理养护情况报告审议意见研究处理情况的报告', present: 40, counts: [19, 16, 5], grade: 'basic' },
  { heldOn: '2019-08-28', session: S5('二十三'), body: '市卫健委', project: { year: 2019, title: '基层医疗卫生服务体系建设情况' }, reportTitle: '市卫生健康委员会关于基层医疗卫生服务体系建设情况报告审议意见研究处理情况的报告', present: 41, counts: [34, 5, 1], grade: 'satisfied' },
  { heldOn: '2019-10-30', session: S5('二十四'), body: '市政府', project: { year: 2019, title: '2018年度国有资产管理情况综合报告' }, reportTitle: '市人民政府关于2018年度国有资产管理情况综合报告审议意见研究处理情况的报告', present: 44, counts: [37, 6, 1], grade: 'satisfied' },
  { heldOn: '2019-12-26', session: S5('二十五'), body: '市市场监管局', project: { year: 2019, title: '食品安全工作情况' }, reportTitle: '市市场监督管理局关于食品安全工作情况报告审议意见研究处理情况的报告', present: 38, counts: [30, 6, 2], grade: 'satisfied' },

  // ---- 2020 -----------------------------------------------------------------------------------
  { heldOn: '2020-04-28', session: S5('二十七'), body: '市政府', project: { year: 2019, title: '大气污染防治工作情况' }, reportTitle: '市人民政府关于大气污染防治工作情况报告审议意见研究处理情况的报告', present: 42, counts: [35, 6, 1], grade: 'satisfied' },
  { heldOn: '2020-04-28', session: S5('二十七'), body: '市应急局', project: { year: 2019, title: '安全生产工作情况' }, reportTitle: '市应急管理局关于安全生产工作情况报告审议意见研究处理情况的报告', present: 40, counts: [20, 15, 5], grade: 'basic' },
  { heldOn: '2020-06-24', session: S5('二十九'), body: '市检察院', project: { year: 2019, title: '刑事诉讼法律监督工作情况' }, reportTitle: '市人民检察院关于刑事诉讼法律监督工作情况报告审议意见研究处理情况的报告', present: 39, counts: [33, 5, 1], grade: 'satisfied' },
  { heldOn: '2020-06-24', session: S5('二十九'), body: '市人社局', project: { year: 2019, title: '就业创业工作情况' }, reportTitle: '市人力资源和社会保障局关于就业创业工作情况报告审议意见研究处理情况的报告', present: 43, counts: [35, 7, 1], grade: 'satisfied' },
  // The one unsatisfied result: a deferred report was due three months on.
  { heldOn: '2020-08-27', session: S5('三十'), body: '市住建局', project: SEWERS, reportTitle: '市住房和城乡建设局关于城区污水管网建设和黑臭水体治理情况报告审议意见研究处理情况的报告', present: 41, counts: [9, 11, 21], grade: 'unsatisfied' },
  { heldOn: '2020-08-27', session: S5('三十'), body: '市中院', project: { year: 2019, title: '民商事审判工作情况' }, reportTitle: '市中级人民法院关于民商事审判工作情况报告审议意见研究处理情况的报告', present: 40, counts: [33, 6, 1], grade: 'satisfied' },
  { heldOn: '2020-10-29', session: S5('三十一'), body: '市自然资源局', project: { year: 2020, title: '不动产登记工作情况' }, reportTitle: '市自然资源局关于不动产登记工作情况报告审议意见研究处理情况的报告', present: 42, counts: [34, 7, 1], grade: 'satisfied' },
  { heldOn: '2020-10-29', session: S5('三十一'), body: '市水利局', project: { year: 2020, title: '小型水库安全运行管理情况' }, reportTitle: '市水利局关于小型水库安全运行管理情况报告审议意见研究处理情况的报告', present: 38, counts: [30, 7, 1], grade: 'satisfied' },
  // The deferred report (延期报告) of the unsatisfied one: passed.
  { heldOn: '2020-12-24', session: S5('三十二'), body: '市住建局', project: SEWERS, reportTitle: '市住房和城乡建设局关于城区污水管网建设和黑臭水体治理情况报告审议意见研究处理情况的延期报告', present: 41, counts: [27, 11, 3], grade: 'satisfied' },
  { heldOn: '2020-12-24', session: S5('三十二'), body: '市政府', project: { year: 2020, title: '2019年度国有资产管理情况综合报告' }, reportTitle: '市人民政府关于2019年度国有资产管理情况综合报告审议意见研究处理情况的报告', present: 43, counts: [37, 5, 1], grade: 'satisfied' },

  // ---- 2021 -----------------------------------------------------------------------------------
  { heldOn: '2021-04-28', session: S5('三十三'), body: '市发改委', project: { year: 2020, title: '重点项目建设情况' }, reportTitle: '市发展和改革委员会关于重点项目建设情况报告审议意见研究处理情况的报告', present: 40, counts: [34, 5, 1], grade: 'satisfied' },
  { heldOn: '2021-04-28', session: S5('三十三'), body: '市卫健委', project: { year: 2020, title: '公共卫生应急管理体系建设情况' }, reportTitle: '市卫生健康委员会关于公共卫生应急管理体系建设情况报告审议意见研究处理情况的报告', present: 42, counts: [37, 4, 1], grade: 'satisfied' },
  { heldOn: '2021-06-25', session: S5('三十四'), body: '市中院', project: { year: 2020, title: '行政审判工作情况' }, reportTitle: '市中级人民法院关于行政审判工作情况报告审议意见研究处理情况的报告', present: 39, counts: [31, 6, 2], grade: 'satisfied' },
  { heldOn: '2021-06-25', session: S5('三十四'), body: '市教育局', project: { year: 2020, title: '义务教育优质均衡发展情况' }, reportTitle: '市教育局关于义务教育优质均衡发展情况报告审议意见研究处理情况的报告', present: 41, counts: [33, 7, 1], grade: 'satisfied' },
  { heldOn: '2021-08-27', session: S5('三十五'), body: '市检察院', project: { year: 2020, title: '未成年人检察工作情况' }, reportTitle: '市人民检察院关于未成年人检察工作情况报告审议意见研究处理情况的报告', present: 44, counts: [38, 5, 1], grade: 'satisfied' },
  { heldOn: '2021-08-27', session: S5('三十五'), body: '市交通运输局', project: { year: 2020, title: '城乡客运一体化工作情况' }, reportTitle: '市交通运输局关于城乡客运一体化工作情况报告审议意见研究处理情况的报告', present: 40, counts: [18, 17, 4], grade: 'basic' },
  { heldOn: '2021-08-27', session: S5('三十五'), body: '市财政局', project: { year: 2020, title: '财政专项资金管理使用情况' }, reportTitle: '市财政局关于财政专项资金管理使用情况报告审议意见研究处理情况的报告', present: 38, counts: [30, 6, 2], grade: 'satisfied' },
  // 优化营商环境: the opinion with its 28 problems of April 2021, reported on by 31 October.
  { heldOn: '2021-10-28', session: S5('三十六'), body: '市政府', project: DEMO_PROJECTS.business2021, opinion: true, reportTitle: '市人民政府关于优化营商环境工作情况报告审议意见及问题清单研究处理情况的报告', present: 43, counts: [38, 5, 0], grade: 'satisfied' },
  { heldOn: '2021-10-28', session: S5('三十六'), body: '市市场监管局', project: { year: 2021, title: '知识产权保护工作情况' }, reportTitle: '市市场监督管理局关于知识产权保护工作情况报告审议意见研究处理情况的报告', present: 41, counts: [34, 6, 1], grade: 'satisfied' },
  { heldOn: '2021-10-28', session: S5('三十六'), body: '市生态环境局', project: { year: 2021, title: '中央生态环境保护督察反馈问题整改情况' }, reportTitle: '市生态环境局关于中央生态环境保护督察反馈问题整改情况报告审议意见研究处理情况的报告', present: 39, counts: [31, 7, 1], grade: 'satisfied' },

  // ---- 2022: 市六届人大常委会 ---------------------------------------------------------------
  { heldOn: '2022-02-24', session: S6('二'), body: '市政府', project: DEMO_PROJECTS.ruralRevitalization2021, reportTitle: '市人民政府关于巩固拓展脱贫攻坚成果同乡村振兴有效衔接情况报告审议意见研究处理情况的报告', present: 44, counts: [39, 4, 1], grade: 'satisfied' },
  { heldOn: '2022-02-24', session: S6('二'), body: '市应急局', project: { year: 2021, title: '森林防灭火工作情况' }, reportTitle: '市应急管理局关于森林防灭火工作情况报告审议意见研究处理情况的报告', present: 40, counts: [33, 6, 1], grade: 'satisfied' },
  { heldOn: '2022-04-27', session: S6('三'), body: '市中院', project: { year: 2021, title: '环境资源审判工作情况' }, reportTitle: '市中级人民法院关于环境资源审判工作情况报告审议意见研究处理情况的报告', present: 42, counts: [35, 6, 1], grade: 'satisfied' },
  { heldOn: '2022-04-27', session: S6('三'), body: '市自然资源局', project: { year: 2021, title: '耕地保护工作情况' }, reportTitle: '市自然资源局关于耕地保护工作情况报告审议意见研究处理情况的报告', present: 41, counts: [33, 6, 2], grade: 'satisfied' },
  // issue-tracking's demo records this one's outcome on the opinion (evaluation_outcomes), by this id.
  { heldOn: '2022-06-28', session: S6('四'), body: '市政府', project: DEMO_PROJECTS.environment2020, opinion: true, fixedId: 'environment2020', reportTitle: '市人民政府关于2019年度环境状况和环境保护目标完成情况报告审议意见研究处理情况的报告', present: 43, counts: [37, 5, 1], grade: 'satisfied' },
  { heldOn: '2022-06-28', session: S6('四'), body: '市检察院', project: { year: 2021, title: '民事检察工作情况' }, reportTitle: '市人民检察院关于民事检察工作情况报告审议意见研究处理情况的报告', present: 40, counts: [34, 5, 1], grade: 'satisfied' },
  { heldOn: '2022-08-30', session: S6('五'), body: '市人社局', project: { year: 2021, title: '保障农民工工资支付工作情况' }, reportTitle: '市人力资源和社会保障局关于保障农民工工资支付工作情况报告审议意见研究处理情况的报告', present: 44, counts: [37, 6, 1], grade: 'satisfied' },
  { heldOn: '2022-08-30', session: S6('五'), body: '市水利局', project: { year: 2021, title: '水土保持工作情况' }, reportTitle: '市水利局关于水土保持工作情况报告审议意见研究处理情况的报告', present: 39, counts: [19, 16, 4], grade: 'basic' },
  { heldOn: '2022-10-27', session: S6('六'), body: '市卫健委', project: { year: 2021, title: '公立医院综合改革工作情况' }, reportTitle: '市卫生健康委员会关于公立医院综合改革工作情况报告审议意见研究处理情况的报告', present: 42, counts: [36, 5, 1], grade: 'satisfied' },
  { heldOn: '2022-10-27', session: S6('六'), body: '市发改委', project: { year: 2021, title: '社会信用体系建设情况' }, reportTitle: '市发展和改革委员会关于社会信用体系建设情况报告审议意见研究处理情况的报告', present: 41, counts: [35, 5, 1], grade: 'satisfied' },
];
