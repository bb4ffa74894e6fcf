import enAccounts from './en/accounts.json';
import enCore from './en/core.json';
import enEvaluations from './en/evaluations.json';
import enIssues from './en/issues.json';
import enProjects from './en/projects.json';
import zhAccounts from './zh-CN/accounts.json';
import zhCore from './zh-CN/core.json';
import zhEvaluations from './zh-CN/evaluations.json';
import zhIssues from './zh-CN/issues.json';
import zhProjects from './zh-CN/projects.json';

/**
 * The message catalogues, one file per area (core: the frame, roles, enums, home; then one per
 * area of pages) so that people working on different areas do not edit the same file. Each
 * area file owns its top-level keys; tools/checks/web-i18n.spec.ts refuses a key defined by two
 * files (the spread below would silently keep only one) and an en file whose keys differ.
 * zh-CN is the reference: its keys are the TypeScript type of t().
 */
export const zhCN = { ...zhCore, ...zhProjects, ...zhIssues, ...zhEvaluations, ...zhAccounts };
export const en: typeof zhCN = { ...enCore, ...enProjects, ...enIssues, ...enEvaluations, ...enAccounts };

/** The area files, by name: what the catalogue check reads. */
export const AREAS = ['core', 'projects', 'issues', 'evaluations', 'accounts'] as const;
