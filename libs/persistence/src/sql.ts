/** A user's text inside a LIKE/ILIKE pattern: `%` and `_` typed by a user are literal characters, not patterns. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
