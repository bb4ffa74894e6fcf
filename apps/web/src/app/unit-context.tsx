import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap } from '../api/client';
import type { UnitNode } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useSession } from '../auth/AuthProvider';
import { staffRolesOf } from '../auth/roles';
import { canSwitchUnits, findUnit } from './units';

export interface UnitContextValue {
  /** The unit whose data the pages show: the user's own, or a descendant they switched to. Pass it as `unit` to the API. */
  unitCode: string | undefined;
  /** Its node (name, level), once the tree has loaded. */
  unit: UnitNode | undefined;
  /** The user's own unit. */
  own: UnitNode | undefined;
  /** Viewing a descendant: pages show data but offer no changes. */
  readOnly: boolean;
  /** The switcher is offered (province and city users). */
  switchable: boolean;
  select(code: string): void;
  loading: boolean;
  error: unknown;
}

const UnitContext = createContext<UnitContextValue | null>(null);
const STORAGE_KEY = 'congress.unit';

/** Loads the units the user may read (GET /api/v1/units) and keeps the one being looked at. */
export function UnitProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const tree = useApiQuery(['units', session.subject], (signal) => unwrap(api.GET('/api/v1/units', { signal })));
  const [selected, setSelected] = useState<string | null>(() => window.sessionStorage.getItem(STORAGE_KEY));

  const select = useCallback(
    (code: string) => {
      if (code === session.unitCode) window.sessionStorage.removeItem(STORAGE_KEY);
      else window.sessionStorage.setItem(STORAGE_KEY, code);
      setSelected(code);
      // Another unit's data: start at the top, where the read-only notice is.
      window.scrollTo({ top: 0 });
    },
    [session.unitCode],
  );

  const value = useMemo<UnitContextValue>(() => {
    const forest = tree.data?.items ?? [];
    const own = session.unitCode ? findUnit(forest, session.unitCode) : undefined;
    const switchable = canSwitchUnits(own, staffRolesOf(session.roles).length === 0);
    // Only a unit inside the user's own subtree; anything else (stale storage) falls back to their own.
    const chosen = switchable && own && selected ? findUnit([own], selected) : undefined;
    const unit = chosen ?? own;
    return {
      unitCode: unit?.code ?? session.unitCode,
      unit,
      own,
      readOnly: !!chosen && chosen.code !== own?.code,
      switchable,
      select,
      loading: tree.loading,
      error: tree.error,
    };
  }, [tree.data, tree.loading, tree.error, session, selected, select]);

  return <UnitContext value={value}>{children}</UnitContext>;
}

export function useUnit(): UnitContextValue {
  const context = useContext(UnitContext);
  if (!context) throw new Error('useUnit() outside <UnitProvider>');
  return context;
}
