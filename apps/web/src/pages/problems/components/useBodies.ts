import { useMemo } from 'react';
import { api, unwrap } from '../../../api/client';
import { useApiQuery } from '../../../api/useApiQuery';
import type { Body } from './types';

/** The supervised and responsible bodies of a unit, by id (names for the ledger's columns and filters). */
export function useBodies(unitCode: string | undefined) {
  const query = useApiQuery(unitCode ? ['bodies', unitCode] : null, (signal) =>
    unwrap(api.GET('/api/v1/units/{code}/bodies', { params: { path: { code: unitCode! }, query: { limit: 200 } }, signal })),
  );
  const byId = useMemo(() => new Map<string, Body>((query.data?.items ?? []).map((b) => [b.id, b])), [query.data]);
  return { bodies: query.data?.items ?? [], byId, name: (id: string) => byId.get(id)?.name, loading: query.loading, error: query.error };
}
