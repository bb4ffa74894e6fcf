import type { FieldError } from '../api/problem';

export type NamePath = (string | number)[];

export interface MappedFieldErrors {
  /** Errors per form field, in the order the API reported them. */
  fields: { name: NamePath; errors: string[] }[];
  /** Errors that name no field of the form (shown above it). */
  unmatched: FieldError[];
}

/** 'body.sources.0' with prefix 'body' → ['sources', 0]; undefined when it is not under the prefix. */
export function namePathOf(field: string, prefix: string): NamePath | undefined {
  const parts = field.split('.');
  if (prefix) {
    if (parts[0] !== prefix) return undefined;
    parts.shift();
  }
  if (parts.length === 0 || parts[0] === '') return undefined;
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function startsWith(path: NamePath, prefix: NamePath): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => String(part) === String(path[i]));
}

/**
 * Puts the API's field errors (problem+json errors[], fields like 'body.title' or
 * 'query.year') on the form's fields: each goes to the deepest registered field its path starts
 * with ('body.sources.0' lands on the 'sources' select); the rest are unmatched.
 */
export function mapFieldErrors(errors: readonly FieldError[], registered: readonly NamePath[], prefix = 'body'): MappedFieldErrors {
  const byName = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: FieldError[] = [];
  for (const error of errors) {
    const path = namePathOf(error.field, prefix);
    const target = path
      ? registered.filter((name) => name.length > 0 && startsWith(path, name)).sort((a, b) => b.length - a.length)[0]
      : undefined;
    if (!target) {
      unmatched.push(error);
      continue;
    }
    const key = JSON.stringify(target.map(String));
    const entry = byName.get(key) ?? { name: target, errors: [] };
    if (!entry.errors.includes(error.message)) entry.errors.push(error.message);
    byName.set(key, entry);
  }
  return { fields: [...byName.values()], unmatched };
}
