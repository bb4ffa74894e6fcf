import { useMatches } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { hasAnyRole } from '../auth/roles';
import { PAGES, type PageDefinition, type TitleKey } from './pages';

export interface TrailItem {
  titleKey: TitleKey;
  to: string;
}

/** Route handle of every page route: which PAGES entry it renders. */
export interface PageHandle {
  page: PageDefinition;
}

export function isPageHandle(handle: unknown): handle is PageHandle {
  return !!handle && typeof handle === 'object' && 'page' in handle;
}

/** The page being shown (deepest route with a page handle). */
export function useCurrentPage(): PageDefinition | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const handle = matches[i].handle;
    if (isPageHandle(handle)) return handle.page;
  }
  return undefined;
}

/** 工作台 › 项目库 › 录入项目: home, the page's parents, the page. */
export function usePageTrail(): TrailItem[] {
  const page = useCurrentPage();
  const { state } = useAuth();
  const roles = state.status === 'authenticated' ? state.session.roles : [];
  if (!page) return [];
  const chain: PageDefinition[] = [page];
  for (let parent = page.parent; parent !== undefined; ) {
    const found = PAGES.find((p) => p.path === parent);
    if (!found || chain.includes(found)) break;
    chain.unshift(found);
    parent = found.parent;
  }
  const home = PAGES.find((p) => p.path === '');
  if (home && chain[0] !== home && hasAnyRole(roles, home.roles)) chain.unshift(home);
  return chain.map((p) => ({ titleKey: p.titleKey, to: `/${p.path}` }));
}
