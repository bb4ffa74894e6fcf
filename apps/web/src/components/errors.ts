import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/problem';

export interface ErrorDescription {
  title: string;
  description: string;
  /** For the user to quote to the helpdesk: the gateway logs it with the trace. */
  requestId?: string;
  /** A new deployment replaced the chunk this page needs: only a reload helps. */
  reload?: boolean;
}

/** A lazy route's chunk failed to load (after a deployment, or offline). */
export function isChunkLoadError(error: unknown): boolean {
  return error instanceof TypeError && /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(error.message);
}

/** What to tell a person about an error, in the current language. */
export function describeError(error: unknown, t: TFunction): ErrorDescription {
  if (error instanceof ApiError) {
    const { problem } = error;
    // The gateway's detail is written for people (Chinese); internal errors carry none worth showing.
    const detail = problem.code !== 'internal' && problem.detail ? problem.detail : '';
    return { title: t(`problem.${problem.code}`), description: detail, requestId: problem.requestId };
  }
  if (error instanceof NetworkError) return { title: t('state.error'), description: t('state.network') };
  if (isChunkLoadError(error)) return { title: t('state.chunkFailed'), description: t('state.chunkFailedHint'), reload: true };
  return { title: t('state.error'), description: t('state.unknown') };
}
