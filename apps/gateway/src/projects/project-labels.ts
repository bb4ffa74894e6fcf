/** Chinese names of the project enumerations (GLOSSARY.md), for the spreadsheets the gateway writes and reads. */
export const CATEGORY_NAME: Record<string, string> = {
  'work-report': '专项工作报告',
  'law-inspection': '执法检查',
  'special-inquiry': '专题询问',
  'budget-review': '计划预算审查',
  inspection: '视察',
  research: '调研',
  'filing-review': '备案审查',
  other: '其他',
};
export const SOURCE_NAME: Record<string, string> = {
  'higher-requirement': '上级规定动作',
  'party-priority': '党委中心工作',
  'public-concern': '群众急难愁盼',
  'deputy-suggestion': '代表建议',
  'routine-findings': '日常调研视察执法检查发现',
};
export const STAGE_NAME: Record<string, string> = { reserve: '储备', planning: '谋划', approved: '立项', implementing: '实施', evaluating: '评估', tracking: '跟踪', closed: '办结', withdrawn: '撤销' };

const invert = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [v, k]));
/** From a Chinese name back to the identifier (import). */
export const CATEGORY_BY_NAME = invert(CATEGORY_NAME);
export const SOURCE_BY_NAME = invert(SOURCE_NAME);
