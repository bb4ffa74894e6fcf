import { AuditOutlined, BankOutlined, FileSearchOutlined, HomeOutlined, ProjectOutlined } from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import { PORTAL_ONLY_ROLES, ROLES, rolesFor, staffRolesOf, type Role } from '../auth/roles';

/** Catalogue keys usable as page titles. */
export type TitleKey = `nav.${'home' | 'projects' | 'projectNew' | 'projectDetail' | 'problems' | 'evaluations' | 'portal'}`;

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
    path: 'problems',
    titleKey: 'nav.problems',
    icon: <FileSearchOutlined />,
    // Liaisons read their own problems in the portal, not the ledger.
    roles: staffRolesOf(rolesFor('GET /api/v1/problems')),
    load: () => import('../pages/problems/ProblemsPage'),
  },
  {
    path: 'evaluations',
    titleKey: 'nav.evaluations',
    icon: <AuditOutlined />,
    roles: rolesFor('GET /api/v1/evaluations'),
    load: () => import('../pages/evaluations/EvaluationsPage'),
  },
  {
    path: 'portal',
    titleKey: 'nav.portal',
    icon: <BankOutlined />,
    roles: PORTAL_ONLY_ROLES,
    load: () => import('../pages/portal/PortalPage'),
  },
];

export function pageByPath(path: string): PageDefinition | undefined {
  return PAGES.find((page) => page.path === path);
}
