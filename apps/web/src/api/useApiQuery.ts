import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { isAbort } from './problem';

export interface ApiQuery<T> {
  /** The latest answer; kept while a newer request runs, so a table does not flash empty. */
  data: T | undefined;
  /** The error of the latest request (ApiError, NetworkError, …), if it failed. */
  error: unknown;
  /** A request for the current key is running. */
  loading: boolean;
  reload(): void;
}

interface Settled<T> {
  tag: string | null;
  data?: T;
  error?: unknown;
}

/**
 * Loads data for a key and reloads when the key changes; the previous request is aborted.
 * `key` is anything JSON-serialisable naming what is loaded (null: load nothing yet):
 *
 *   const projects = useApiQuery(['projects', unitCode, filters, cursor], (signal) =>
 *     unwrap(api.GET('/api/v1/projects', { params: { query: { unit: unitCode, ...filters, cursor } }, signal })));
 */
export function useApiQuery<T>(key: readonly unknown[] | null, load: (signal: AbortSignal) => Promise<T>): ApiQuery<T> {
  const keyString = key === null ? null : JSON.stringify(key);
  const [nonce, setNonce] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>({ tag: null });
  const run = useEffectEvent(load);
  const tag = keyString === null ? null : `${nonce}:${keyString}`;

  useEffect(() => {
    if (tag === null) return;
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => setSettled({ tag, data }),
      (error: unknown) => {
        if (!isAbort(error)) setSettled((previous) => ({ tag, data: previous.data, error }));
      },
    );
    return () => controller.abort();
  }, [tag]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const current = tag !== null && settled.tag === tag;
  return { data: settled.data, error: current ? settled.error : undefined, loading: tag !== null && !current, reload };
}
