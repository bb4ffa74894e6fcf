import type { Actor, Role } from '@congress/contracts';
import { SetMetadata } from '@nestjs/common';

export const ACCESS_METADATA = 'congress:access';
export const PUBLIC_METADATA = 'congress:public';

/**
 * How an endpoint is scoped to units:
 * - `read`: the unit named by the path parameter must be the caller's own unit or, for a
 *   province or city caller, one of its descendants;
 * - `write`: the unit named by the path parameter must be the caller's own unit;
 * - `caller`: the endpoint only ever touches data of the caller's own unit tree, which the
 *   handler derives from the token (e.g. `GET /units`); `reason` says why that is safe;
 * - `resource`: the unit is that of the thing addressed (a project by id); the handler loads it
 *   and checks `read` or `write` on its unit before answering or changing anything.
 */
export type UnitRule =
  | { mode: 'read' | 'write'; param: string }
  | { mode: 'caller'; reason: string }
  | { mode: 'resource'; check: 'read' | 'write'; reason: string };

export interface AccessRule {
  roles: readonly Role[];
  unit: UnitRule;
}

/** Every endpoint declares who may call it and how it is scoped to units. Lint and a test enforce it. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_METADATA, rule);

/** Endpoints without a token: health, readiness, API docs. */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);

export interface UnitAncestry {
  /** The codes of `code`'s ancestors, nearest first, or undefined if the unit does not exist. */
  ancestorsOf(code: string): string[] | undefined;
  levelOf(code: string): 'province' | 'city' | 'county' | undefined;
}

export type AccessDecision = { allowed: true } | { allowed: false; status: 403 | 404; reason: string };

/** Pure role check. */
export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

/**
 * The unit rule of the platform: a user writes only in its own unit and reads its own unit and,
 * for province and city units, their descendants.
 */
export function decideUnitAccess(actor: Actor, target: string, mode: 'read' | 'write', tree: UnitAncestry): AccessDecision {
  if (!actor.unitCode) return { allowed: false, status: 403, reason: '令牌中没有所属单位（unit）' };
  const ancestors = tree.ancestorsOf(target);
  if (ancestors === undefined) return { allowed: false, status: 404, reason: `单位 ${target} 不存在` };
  if (target === actor.unitCode) return { allowed: true };
  if (mode === 'write') return { allowed: false, status: 403, reason: `只能修改本单位（${actor.unitCode}）的数据` };
  const level = tree.levelOf(actor.unitCode);
  if ((level === 'province' || level === 'city') && ancestors.includes(actor.unitCode)) return { allowed: true };
  return { allowed: false, status: 403, reason: `无权查看单位 ${target} 的数据` };
}

/** The units a caller may read: its own and, for province and city units, all descendants. */
export function readableUnits(actor: Actor, all: { code: string; level: string }[], tree: UnitAncestry): Set<string> {
  const result = new Set<string>();
  if (!actor.unitCode) return result;
  const own = actor.unitCode;
  const level = tree.levelOf(own);
  for (const unit of all) {
    if (unit.code === own) result.add(unit.code);
    else if ((level === 'province' || level === 'city') && tree.ancestorsOf(unit.code)?.includes(own)) result.add(unit.code);
  }
  return result;
}
