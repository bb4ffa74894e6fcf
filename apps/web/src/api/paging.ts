import { useState } from 'react';

/**
 * Page by page through a cursor-paginated list (the API's `limit` + `cursor`, `nextCursor` null
 * at the end). Remembers the cursors behind, so "previous" works; starts again at page 1 when
 * `resetKey` changes (new filters, another unit).
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: resetKey, cursors: [undefined] });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  return {
    /** 1-based. */
    page: cursors.length,
    cursor: cursors[cursors.length - 1],
    hasPrevious: cursors.length > 1,
    next: (nextCursor: string) => setState({ key: resetKey, cursors: [...cursors, nextCursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}
