import { hasAnyRole, PORTAL_ONLY_ROLES, staffRolesOf, type Role } from '../auth/roles';

/** What the menu and the router need of a page (PageDefinition without its component). */
export interface NavigablePage {
  path: string;
  roles: readonly Role[];
  icon?: unknown;
  parent?: string;
}

/** The pages these roles may open. */
export function pagesFor<P extends NavigablePage>(pages: readonly P[], roles: readonly Role[]): P[] {
  return pages.filter((page) => hasAnyRole(roles, page.roles));
}

/** The side menu's pages for these roles, in PAGES order. */
export function menuFor<P extends NavigablePage>(pages: readonly P[], roles: readonly Role[]): P[] {
  return pagesFor(pages, roles).filter((page) => page.icon !== undefined);
}

/** Where a user lands at '/': liaisons, who have only the portal, land there. */
export function homePathFor(roles: readonly Role[]): string {
  return staffRolesOf(roles).length === 0 && hasAnyRole(roles, PORTAL_ONLY_ROLES) ? '/portal' : '/';
}

/** The menu entry to highlight for a page: its top-most parent. */
export function menuKeyOf<P extends NavigablePage>(pages: readonly P[], path: string): string {
  let page = pages.find((p) => p.path === path);
  const seen = new Set<string>();
  while (page?.parent !== undefined && !seen.has(page.path)) {
    seen.add(page.path);
    const parent = pages.find((p) => p.path === page!.parent);
    if (!parent) break;
    page = parent;
  }
  return page?.path ?? path;
}
