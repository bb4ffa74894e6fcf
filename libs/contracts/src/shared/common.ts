import { z } from 'zod';

// Zod speaks Chinese first: validation messages reach users unchanged.
z.config(z.locales.zhCN());

export const Uuid = z.uuid({ error: '必须是 UUID' });

/** A 6-digit administrative division code (GB/T 2260), the key of a unit. */
export const UnitCode = z.string().regex(/^\d{6}$/, { error: '必须是 6 位行政区划代码' });
export type UnitCode = z.infer<typeof UnitCode>;

export const Role = z.enum(['platform-admin', 'unit-admin', 'leader', 'member', 'staff', 'deputy', 'body-liaison']);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

/** Who is asking: verified by the gateway, carried with every request so services can audit and scope. */
export const Actor = z.object({
  subject: z.string(),
  username: z.string().optional(),
  name: z.string().optional(),
  unitCode: UnitCode.optional(),
  roles: z.array(z.string()),
  bodyId: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;

export const SYSTEM_ACTOR: Actor = { subject: 'system', username: 'system', roles: [] };

/** How a record names who did something: the person's name, else the login, else the subject. */
export const actorName = (actor: Actor): string => actor.name ?? actor.username ?? actor.subject;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Cursor pagination: `limit` items after the opaque `cursor`; the page says where to go next. */
export const PageQuery = z.object({
  limit: z.coerce
    .number({ error: '必须是整数' })
    .int({ error: '必须是整数' })
    .min(1, { error: '不能小于 1' })
    .max(MAX_PAGE_SIZE, { error: `不能大于 ${MAX_PAGE_SIZE}` })
    .default(DEFAULT_PAGE_SIZE),
  cursor: z
    .string()
    .max(200, { error: '游标无效' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: '游标无效' })
    .optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque cursors: base64url of the sort key of the last item. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}
export function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

type WithoutDefault<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;
export type PatchShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<WithoutDefault<T[K]>> };

/**
 * The schema of a partial update: every field optional and, unlike zod's `.partial()`, with its
 * default removed, so a field left out stays as it is instead of being reset to its default.
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<PatchShape<T>> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, ((field instanceof z.ZodDefault ? field.removeDefault() : field) as z.ZodType).optional()]),
  );
  return z.object(shape) as unknown as z.ZodObject<PatchShape<T>>;
}
