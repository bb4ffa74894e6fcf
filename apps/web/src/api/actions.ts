// What the caller may do with a project, problem, opinion or evaluation now, as the API says in the
// item's `allowedActions`: computed by the owning service from the same rules table that decides the
// request, so the web app enables a button exactly when the request would be accepted and shows the
// service's own reason when not. The web app keeps no copy of a rule (lint refuses status lists).

export interface AllowedAction {
  action: string;
  allowed: boolean;
  reason?: string;
  to?: string;
}

export interface Actions {
  /** The action is open from the item's current state (allowed or not for this caller). */
  offered(action: string): boolean;
  /** The caller may take it now. */
  may(action: string): boolean;
  /** Why not, when offered but refused (the service's words). */
  reason(action: string): string | undefined;
  /** Every offered action, in the rules table's order. */
  all: readonly AllowedAction[];
}

export function actionsOf(item: { allowedActions?: readonly AllowedAction[] } | undefined | null): Actions {
  const all = item?.allowedActions ?? [];
  const find = (action: string) => all.find((a) => a.action === action);
  return {
    offered: (action) => !!find(action),
    may: (action) => !!find(action)?.allowed,
    reason: (action) => {
      const a = find(action);
      return a && !a.allowed ? a.reason : undefined;
    },
    all,
  };
}
