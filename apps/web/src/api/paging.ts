import { useState } from 'react';

/** The page sizes a list offers (?size= in its URL); anything else falls back to the default. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** The page size in a list's URL (?size=50), or the default when absent or not offered. */
export function pageSizeFromSearch(search: URLSearchParams): number {
  const size = Number(search.get('size'));
  return (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
}

export interface CursorPages {
  /** 1-based. */
  page: number;
  /** The cursor to ask the API for the current page with (undefined: the first). */
  cursor: string | undefined;
  hasPrevious: boolean;
  next(nextCursor: string): void;
  previous(): void;
}

/**
 * Page by page through a cursor-paginated list (the API's `limit` + `cursor`, `nextCursor` null
 * at the end). Remembers the cursors behind, so "previous" works; starts again at page 1 when
 * `resetKey` changes (new filters, another unit).
 */
export function useCursorPages(resetKey: string): CursorPages {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: resetKey, cursors: [undefined] });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  return {
    page: cursors.length,
    cursor: cursors[cursors.length - 1],
    hasPrevious: cursors.length > 1,
    next: (nextCursor: string) => setState({ key: resetKey, cursors: [...cursors, nextCursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}
