import { describe, expect, it } from '@jest/globals';
import { homePathFor, menuFor, menuKeyOf } from '../app/navigation';
import { mayCall, primaryRole, rolesFor, staffRolesOf } from './roles';

describe('roles', () => {
  it('shows a person by their first role in the realm order', () => {
    expect(primaryRole(['member', 'leader'])).toBe('leader');
    expect(primaryRole([])).toBeUndefined();
  });

  it('lets a role call an operation only if the gateway publishes it for that role', () => {
    expect(mayCall(['staff'], 'POST /api/v1/projects')).toBe(true);
    expect(mayCall(['member'], 'POST /api/v1/projects')).toBe(false);
    expect(mayCall(['body-liaison'], 'GET /api/v1/projects')).toBe(false);
  });

  it('refuses every write in a read-only view of a descendant unit, and allows reads', () => {
    expect(mayCall(['staff'], 'POST /api/v1/projects', true)).toBe(false);
    expect(mayCall(['staff'], 'GET /api/v1/projects', true)).toBe(true);
  });

  it('takes the liaisons out of the staff roles', () => {
    expect(staffRolesOf(rolesFor('GET /api/v1/problems'))).not.toContain('body-liaison');
  });
});

describe('navigation', () => {
  const pages = [
    { path: '', icon: 'home', roles: staffRolesOf(rolesFor('GET /api/v1/units')) },
    { path: 'projects', icon: 'projects', roles: rolesFor('GET /api/v1/projects') },
    { path: 'projects/new', parent: 'projects', roles: rolesFor('POST /api/v1/projects') },
    { path: 'portal', icon: 'portal', roles: ['body-liaison' as const] },
  ];

  it('gives a body liaison the portal menu only, and lands them there', () => {
    expect(menuFor(pages, ['body-liaison']).map((p) => p.path)).toEqual(['portal']);
    expect(homePathFor(['body-liaison'])).toBe('/portal');
  });

  it('gives staff the workbench and the library, not the portal', () => {
    expect(menuFor(pages, ['staff']).map((p) => p.path)).toEqual(['', 'projects']);
    expect(homePathFor(['staff'])).toBe('/');
  });

  it('keeps a sub-page in its parent menu entry', () => {
    expect(menuKeyOf(pages, 'projects/new')).toBe('projects');
    expect(menuKeyOf(pages, 'portal')).toBe('portal');
  });
});
