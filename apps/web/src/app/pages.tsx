import { AuditOutlined, BankOutlined, FileSearchOutlined, FundProjectionScreenOutlined, HomeOutlined, IdcardOutlined, ProjectOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import { PORTAL_ONLY_ROLES, ROLES, rolesFor, staffRolesOf, type Role } from '../auth/roles';

/** Catalogue keys usable as page titles. */
export type TitleKey = `nav.${
  | 'home'
  | 'projects'
  | 'projectNew'
  | 'projectDetail'
  | 'plan'
  | 'battleMap'
  | 'problems'
  | 'problemDetail'
  | 'opinionDetail'
  | 'evaluations'
  | 'evaluationDetail'
  | 'evaluationStats'
  | 'vote'
  | 'presiding'
  | 'portal'
  | 'portalProblem'
  | 'accounts'}`;

/**
 * One page of the app. PAGES is the single list the router, the side menu, the breadcrumb and
 * the document title are built from: to add a page, add an entry here (and its title to the
 * catalogues) and put its component under src/pages/<area>/.
 */
export interface PageDefinition {
  /** Path under / without a leading slash; '' is the home page. May have params: 'projects/:id'. */
  path: string;
  titleKey: TitleKey;
  /**
   * Who may open the page and see its menu entry. Prefer the roles of the API operation the page
   * needs, rolesFor('GET /api/v1/…'), so the UI never offers what the gateway would refuse.
   */
  roles: readonly Role[];
  /** Shown in the side menu when it has an icon; pages without one are reached by links. */
  icon?: ReactNode;
  /** The page this one sits under, by path: its menu entry stays highlighted, the breadcrumb passes through it. */
  parent?: string;
  /**
   * 'bare': the page fills the window without the frame (header, side menu): the presiding
   * screen in the hall, the member's voting page on a phone. Still behind sign-in and the role gate.
   */
  layout?: 'frame' | 'bare';
  /** The page's module (loaded on first visit: each page is its own chunk); its default export is the page. */
  load: () => Promise<{ default: ComponentType }>;
}

export const PAGES: readonly PageDefinition[] = [
  {
    path: '',
    titleKey: 'nav.home',
    icon: <HomeOutlined />,
    roles: staffRolesOf(ROLES),
    load: () => import('../pages/home/HomePage'),
  },
  {
    path: 'projects',
    titleKey: 'nav.projects',
    icon: <ProjectOutlined />,
    roles: rolesFor('GET /api/v1/projects'),
    load: () => import('../pages/projects/ProjectsPage'),
  },
  {
    path: 'projects/new',
    titleKey: 'nav.projectNew',
    parent: 'projects',
    roles: rolesFor('POST /api/v1/projects'),
    load: () => import('../pages/projects/ProjectCreatePage'),
  },
  {
    path: 'projects/:id',
    titleKey: 'nav.projectDetail',
    parent: 'projects',
    roles: rolesFor('GET /api/v1/projects/{id}'),
    load: () => import('../pages/projects/ProjectDetailPage'),
  },
  {
    path: 'plans',
    titleKey: 'nav.plan',
    icon: <ScheduleOutlined />,
    roles: rolesFor('GET /api/v1/plans/{unit}/{year}'),
    load: () => import('../pages/projects/PlanPage'),
  },
  {
    path: 'battle-map',
    titleKey: 'nav.battleMap',
    icon: <FundProjectionScreenOutlined />,
    roles: rolesFor('GET /api/v1/battle-map'),
    load: () => import('../pages/projects/BattleMapPage'),
  },
  {
    path: 'problems',
    titleKey: 'nav.problems',
    icon: <FileSearchOutlined />,
    // Liaisons read their own problems in the portal, not the ledger.
    roles: staffRolesOf(rolesFor('GET /api/v1/problems')),
    load: () => import('../pages/problems/ProblemsPage'),
  },
  {
    path: 'problems/:id',
    titleKey: 'nav.problemDetail',
    parent: 'problems',
    roles: staffRolesOf(rolesFor('GET /api/v1/problems/{id}')),
    load: () => import('../pages/problems/ProblemDetailPage'),
  },
  {
    path: 'opinions/:id',
    titleKey: 'nav.opinionDetail',
    parent: 'problems',
    roles: staffRolesOf(rolesFor('GET /api/v1/opinions/{id}')),
    load: () => import('../pages/problems/OpinionDetailPage'),
  },
  {
    path: 'evaluations',
    titleKey: 'nav.evaluations',
    icon: <AuditOutlined />,
    roles: rolesFor('GET /api/v1/evaluations'),
    load: () => import('../pages/evaluations/EvaluationsPage'),
  },
  {
    path: 'evaluations/stats',
    titleKey: 'nav.evaluationStats',
    parent: 'evaluations',
    roles: rolesFor('GET /api/v1/evaluations/stats'),
    load: () => import('../pages/evaluations/EvaluationStatsPage'),
  },
  {
    path: 'evaluations/:id',
    titleKey: 'nav.evaluationDetail',
    parent: 'evaluations',
    roles: rolesFor('GET /api/v1/evaluations/{id}'),
    load: () => import('../pages/evaluations/EvaluationDetailPage'),
  },
  {
    // The member's own ballot, on a phone or tablet in the hall.
    path: 'evaluations/:id/vote',
    titleKey: 'nav.vote',
    parent: 'evaluations',
    layout: 'bare',
    // Every reader may open it: who may not vote (staff, deputies) is told so on the page itself.
    roles: rolesFor('GET /api/v1/evaluations/{id}'),
    load: () => import('../pages/evaluations/VotePage'),
  },
  {
    // The hall's screen: live turnout, the result on close.
    path: 'evaluations/:id/presiding',
    titleKey: 'nav.presiding',
    parent: 'evaluations',
    layout: 'bare',
    roles: rolesFor('GET /api/v1/evaluations/{id}/progress'),
    load: () => import('../pages/evaluations/PresidingPage'),
  },
  {
    // 账号管理: the unit's administrators (and platform administrators) see who cannot sign in and mend it.
    path: 'accounts',
    titleKey: 'nav.accounts',
    icon: <IdcardOutlined />,
    roles: rolesFor('GET /api/v1/units/{code}/accounts'),
    load: () => import('../pages/accounts/AccountsPage'),
  },
  {
    path: 'portal',
    titleKey: 'nav.portal',
    icon: <BankOutlined />,
    roles: PORTAL_ONLY_ROLES,
    load: () => import('../pages/portal/PortalPage'),
  },
  {
    path: 'portal/problems/:id',
    titleKey: 'nav.portalProblem',
    parent: 'portal',
    roles: PORTAL_ONLY_ROLES,
    load: () => import('../pages/portal/PortalProblemPage'),
  },
];

export function pageByPath(path: string): PageDefinition | undefined {
  return PAGES.find((page) => page.path === path);
}
