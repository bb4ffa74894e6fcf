import { z } from 'zod';
import type { Actor, Role } from './common.js';
import { OFFICE_ROLES, roleNames } from './roles.js';
import { ProblemError } from './problem.js';

/**
 * The one shape of every aggregate's rules: a table of rows, each saying which action may be
 * taken from which states, by whom, in which unit scope, on what condition, into which state,
 * and which event it writes. `decide` answers "may this actor do this now?" for a write;
 * `allowedActionsOf` answers the same question for every action at once, so the API can tell
 * the web app what a caller may do (the web never re-encodes a rule). See docs/architecture.md.
 *
 * Pure on purpose: no Nest, no TypeORM, no NATS (an architecture test keeps it so).
 */

/** Why an action is refused: the HTTP status, the reason shown to the user, and for bad input the field and rule. */
export interface Refusal {
  status: 400 | 403 | 404 | 409;
  reason: string;
  field?: string;
  rule?: string;
}
export type Decision = { allowed: true } | ({ allowed: false } & Refusal);

/**
 * Unit scope of a row.
 * - `own-unit`: only people of the unit the aggregate belongs to (the default of every write);
 * - `any-unit`: anyone holding the role (reads that the gateway already scoped).
 */
export type Scope = 'own-unit' | 'any-unit';

/**
 * How a responsible body's liaison takes part in a row, beside the office roles:
 * - `responsible`: only the liaison of the problem's lead responsible body;
 * - `any-body`: the liaison of the lead or of a co-responsible body.
 * Absent: liaisons may not take the action.
 */
export type LiaisonScope = 'responsible' | 'any-body';

/** What every aggregate tells the rules about itself. */
export interface Subject<S extends string> {
  state: S;
  unitCode: string;
  /** Problems only: the bodies a liaison may act for. */
  bodies?: { responsible: string; co: readonly string[] };
}

/** What a guard sees: the actor, the aggregate, its facts, and the input of a write (absent when only asking "may I?"). */
export interface GuardContext<S extends string, F, I> {
  actor: Actor;
  subject: Subject<S> & F;
  /** Undefined when computing allowed actions: a guard checks its input only when there is one. */
  input: I | undefined;
}

export interface Row<A extends string, S extends string, F = unknown, I = unknown> {
  action: A;
  /** The states the action may be taken from. */
  from: readonly S[];
  roles: readonly Role[];
  scope: Scope;
  liaison?: LiaisonScope;
  /** The reason given to a caller without one of `roles`, when the default wording does not fit. */
  roleRefusal?: string;
  /** What must hold beyond state and role: null when it holds. */
  guard?: (ctx: GuardContext<S, F, I>) => Refusal | null;
  /** The state after the action: a state, `'same'` (unchanged), or computed from the aggregate and input. */
  to: S | 'same' | ((ctx: GuardContext<S, F, I>) => S);
  /** The event the action writes to the outbox (subject name), or null. */
  event: string | null;
}

export interface Machine<A extends string, S extends string, F = unknown, I = unknown> {
  /** The aggregate's name in messages, e.g. 问题. */
  noun: string;
  /** Chinese name of each action, for refusals and the UI. */
  actionNames: Record<A, string>;
  /** Chinese name of each state. */
  stateNames: Record<S, string>;
  /** The refusal when the actor belongs to another unit. */
  otherUnit: string;
  rows: readonly Row<A, S, F, I>[];
}

export const allowed: Decision = { allowed: true };
export const refuse = (status: Refusal['status'], reason: string, extra: Pick<Refusal, 'field' | 'rule'> = {}): Refusal => ({ status, reason, ...extra });

const has = (actor: Actor, roles: readonly string[]) => roles.some((r) => actor.roles.includes(r));
const isSystem = (actor: Actor) => actor.subject === 'system';

/** A user whose only standing is as a body's liaison (承办单位联络员). */
export function isLiaisonOnly(actor: Actor): boolean {
  return actor.roles.includes('body-liaison') && !has(actor, OFFICE_ROLES);
}

/** Whether a liaison may see an aggregate that names bodies: only its own body's (lead or co-responsible). */
export function liaisonSees(actor: Actor, bodies: Subject<string>['bodies']): boolean {
  return !!actor.bodyId && !!bodies && (bodies.responsible === actor.bodyId || bodies.co.includes(actor.bodyId));
}

/**
 * Decides one action, in a fixed order so every aggregate refuses alike:
 * 1. unit scope (403), and for a liaison whether it may see the aggregate at all (404: learns nothing);
 * 2. whether the actor's roles may ever take this action (403);
 * 3. whether the action is open from the current state (409);
 * 4. the row's own roles, where rows of one action differ by state (403);
 * 5. the row's guard (its own status).
 * The system actor (event consumers, watches) passes 1, 2 and 4. With `guards: false` only 1–4 are
 * decided: what a service asks before it loads the facts a guard needs (another service's answer).
 */
export function decide<A extends string, S extends string, F, I>(
  machine: Machine<A, S, F, I>,
  action: A,
  actor: Actor,
  subject: Subject<S> & F,
  input?: I,
  options: { guards?: boolean } = {},
): Decision {
  const rows = machine.rows.filter((r) => r.action === action);
  if (rows.length === 0) return { allowed: false, status: 409, reason: `${machine.noun}没有「${action}」这个操作` };
  const name = machine.actionNames[action];
  const liaisonOnly = isLiaisonOnly(actor);
  if (!isSystem(actor)) {
    const scoped = rows.some((r) => r.scope === 'own-unit');
    if (scoped && actor.unitCode !== subject.unitCode) return { allowed: false, status: 403, reason: machine.otherUnit };
    if (liaisonOnly && subject.bodies && !liaisonSees(actor, subject.bodies)) return { allowed: false, status: 404, reason: `${machine.noun}不存在` };
    const ever = rows.some((r) => mayAct(actor, r, subject, liaisonOnly));
    if (!ever) return { allowed: false, ...roleRefusal(machine, rows[0]!, liaisonOnly) };
  }
  const row = rows.find((r) => r.from.includes(subject.state));
  if (!row) return { allowed: false, status: 409, reason: `${machine.noun}当前为「${machine.stateNames[subject.state]}」，不能${name}` };
  if (!isSystem(actor) && !mayAct(actor, row, subject, liaisonOnly)) return { allowed: false, ...roleRefusal(machine, row, liaisonOnly) };
  if (options.guards === false) return allowed;
  const refusal = row.guard?.({ actor, subject, input });
  return refusal ? { allowed: false, ...refusal } : allowed;
}

function mayAct<A extends string, S extends string, F, I>(actor: Actor, row: Row<A, S, F, I>, subject: Subject<S>, liaisonOnly: boolean): boolean {
  if (!liaisonOnly) return has(actor, row.roles);
  if (!row.liaison) return false;
  if (!subject.bodies) return row.liaison === 'any-body';
  return row.liaison === 'any-body' ? liaisonSees(actor, subject.bodies) : subject.bodies.responsible === actor.bodyId;
}

function roleRefusal<A extends string, S extends string, F, I>(machine: Machine<A, S, F, I>, row: Row<A, S, F, I>, liaisonOnly: boolean): Refusal {
  const name = machine.actionNames[row.action];
  if (row.roleRefusal) return { status: 403, reason: row.roleRefusal };
  if (liaisonOnly) return { status: 403, reason: `承办单位联络员不能${name}${row.liaison === 'responsible' ? '（只有牵头责任单位可以）' : ''}` };
  return { status: 403, reason: `${name}需要以下角色之一：${roleNames(row.roles)}` };
}

/** The state an allowed action leads to. */
export function targetOf<A extends string, S extends string, F, I>(machine: Machine<A, S, F, I>, action: A, actor: Actor, subject: Subject<S> & F, input?: I): S {
  const row = machine.rows.find((r) => r.action === action && r.from.includes(subject.state));
  if (!row) throw new Error(`no row for ${action} from ${subject.state}`);
  if (row.to === 'same') return subject.state;
  return typeof row.to === 'function' ? row.to({ actor, subject, input }) : row.to;
}

/** The event an action writes, from its row. */
export function eventOf<A extends string, S extends string, F, I>(machine: Machine<A, S, F, I>, action: A, state: S): string | null {
  return machine.rows.find((r) => r.action === action && r.from.includes(state))?.event ?? null;
}

/** Decides, and throws the refusal as the platform's error shape. */
export function assertAllowed<A extends string, S extends string, F, I>(machine: Machine<A, S, F, I>, action: A, actor: Actor, subject: Subject<S> & F, input?: I): void {
  const d = decide(machine, action, actor, subject, input);
  if (!d.allowed) throw refusalError(d);
}

export function refusalError(r: Refusal): ProblemError {
  if (r.status === 400) return ProblemError.validation([{ field: r.field ?? 'body', rule: r.rule ?? 'invalid', message: r.reason }], r.reason);
  if (r.status === 404) return ProblemError.notFound(r.reason);
  return ProblemError.of(r.status === 403 ? 'forbidden' : 'conflict', r.reason);
}

/**
 * What the API says a caller may do with an aggregate now: every action open from its state
 * (actions closed in this state are left out), allowed or refused with the reason. Computed by
 * the same table as `decide`, without input.
 */
export const AllowedAction = z.object({
  action: z.string(),
  allowed: z.boolean(),
  /** Why not, when refused (shown beside a disabled button). */
  reason: z.string().optional(),
  /** The state the action leads to, where the table fixes it (a project's stage moves). */
  to: z.string().optional(),
});
export type AllowedAction = z.infer<typeof AllowedAction>;
export const AllowedActions = z.array(AllowedAction).describe('调用者此刻可以执行的操作（由服务端规则表计算；不可执行的附原因）');

export function allowedActionsOf<A extends string, S extends string, F, I>(machine: Machine<A, S, F, I>, actor: Actor, subject: Subject<S> & F): AllowedAction[] {
  if (!isSystem(actor) && isLiaisonOnly(actor) && subject.bodies && !liaisonSees(actor, subject.bodies)) return [];
  const actions = [...new Set(machine.rows.filter((r) => r.from.includes(subject.state)).map((r) => r.action))];
  return actions.map((action) => {
    const d = decide(machine, action, actor, subject);
    const row = machine.rows.find((r) => r.action === action && r.from.includes(subject.state));
    const to = row && typeof row.to === 'string' && row.to !== 'same' ? { to: row.to } : {};
    return d.allowed ? { action, allowed: true, ...to } : { action, allowed: false, reason: d.reason, ...to };
  });
}

/** Every (action, from-state) pair of a machine: what a row-by-row test walks. */
export function cellsOf<A extends string, S extends string, F, I>(machine: Machine<A, S, F, I>): { action: A; from: S; row: Row<A, S, F, I> }[] {
  return machine.rows.flatMap((row) => row.from.map((from) => ({ action: row.action, from, row })));
}
