/**
 * The write operations of the gateway's OpenAPI document and the ids they reference, read from the
 * document itself (uuid-format path parameters and body properties, arrays of them, nested), so a
 * new endpoint is covered without anyone listing it. Also a sampler that builds a request body
 * from a schema: required fields filled (enums, formats, lengths, bounds), plus the one id under test.
 */

// The document is JSON Schema inside OpenAPI: loosely typed on purpose, every access checked.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Schema = Record<string, any>;

/** The kinds of things an id can name. Each needs one of unit A's and one of unit B's in the test. */
export const ID_KINDS = [
  'unit',
  'project',
  'milestone',
  'task',
  'finding',
  'opinion',
  'problem',
  'extension',
  'attachment',
  'evaluation',
  'committee',
  'body',
  'person',
  'member',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

/**
 * A path's `{id}` names the collection before it. A new collection with an `{id}` not listed here
 * fails the suite (kindOf returns undefined).
 */
const COLLECTION_KINDS: Record<string, IdKind> = {
  projects: 'project',
  opinions: 'opinion',
  problems: 'problem',
  findings: 'finding',
  evaluations: 'evaluation',
  attachments: 'attachment',
};

/**
 * Every other id-bearing name, path parameter or body property (arrays by their own name). A uuid
 * property whose name is not here fails the suite: a new reference must say what it names.
 * `member`: a person on the unit's standing-committee roster (or an evaluation's roster of it);
 * `person`: anyone of the unit's directory.
 */
const NAME_KINDS: Record<string, IdKind> = {
  code: 'unit',
  unit: 'unit',
  milestoneId: 'milestone',
  taskId: 'task',
  extensionId: 'extension',
  personId: 'member',
  committeeId: 'committee',
  leadCommitteeId: 'committee',
  supervisedBodyIds: 'body',
  suggestedBodyId: 'body',
  responsibleBodyId: 'body',
  coBodyIds: 'body',
  bodyId: 'body',
  leaderPersonId: 'person',
  leadSpeakerIds: 'person',
  ownerPersonId: 'person',
  holderPersonId: 'person',
  findingIds: 'finding',
  findingId: 'finding',
  attachmentIds: 'attachment',
  projectId: 'project',
  opinionId: 'opinion',
  present: 'member',
  absent: 'member',
  // A query parameter of reads (an assignment letter's body).
  body: 'body',
};

/** A value matching each string pattern of a write's body (a new one each time: logins are unique). */
let samples = 0;
const PATTERN_SAMPLES: Record<string, () => string> = {
  // Username (libs/contracts): a login at the identity provider.
  '^[a-z0-9][a-z0-9._-]{2,63}$': () => `probe-login-${Date.now().toString(36)}-${++samples}`,
};

/** Path parameters that are ids without being uuids: a unit's six-digit code. */
const UNIT_CODE = /^\^?\\d\{6\}\$?$/;

export interface IdSlot {
  in: 'path' | 'body';
  /** The parameter's name, or the body property's path (array levels not shown). */
  path: string[];
  /** An array of ids (the test names one, inside an array). */
  array: boolean;
  /** undefined: the table above does not know the name (the suite fails on it). */
  kind: IdKind | undefined;
}

export interface WriteOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template, e.g. /api/v1/projects/{id}/tasks/{taskId}. */
  path: string;
  operationId: string;
  roles: string[];
  /** The first request content type, when there is a body. */
  contentType: string | undefined;
  bodySchema: Schema | undefined;
  pathParams: string[];
  /** Each path parameter's schema (a plan's year is sampled from it). */
  pathSchemas: Record<string, Schema>;
  /** Required query parameters and their schemas (an upload's file name). */
  query: { name: string; schema: Schema }[];
  slots: IdSlot[];
}

export const label = (op: Pick<WriteOperation, 'method' | 'path'>) => `${op.method} ${op.path}`;
export const slotName = (slot: IdSlot) => `${slot.in}.${slot.path.join('.')}${slot.array ? '[]' : ''}`;

export function resolver(doc: Schema) {
  return (s: Schema | undefined): Schema | undefined => {
    let node = s;
    for (let i = 0; node?.$ref && i < 20; i++) {
      const name = String(node.$ref).replace('#/components/schemas/', '');
      node = doc.components?.schemas?.[name];
    }
    return node;
  };
}

const branches = (s: Schema): Schema[] => [...(s.anyOf ?? []), ...(s.oneOf ?? [])];

/** The id slots under a body schema: uuid strings, arrays of them, inside objects and unions. */
function bodySlots(resolve: ReturnType<typeof resolver>, schema: Schema | undefined, at: string[], array: boolean, seen: Set<Schema>, out: IdSlot[]): void {
  const s = resolve(schema);
  if (!s || seen.has(s)) return;
  seen.add(s);
  if (s.type === 'string' && s.format === 'uuid') out.push({ in: 'body', path: at, array, kind: NAME_KINDS[at[at.length - 1] ?? ''] });
  for (const b of [...branches(s), ...(s.allOf ?? [])]) bodySlots(resolve, b, at, array, seen, out);
  if (s.items) bodySlots(resolve, s.items, at, true, seen, out);
  for (const [name, prop] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) bodySlots(resolve, prop, [...at, name], array, seen, out);
  seen.delete(s);
}

export function writeOperations(doc: Schema): WriteOperation[] {
  return operations(doc, ['post', 'put', 'patch', 'delete']);
}

/** The reads: what they answer for another unit's id must not differ from a missing one's either. */
export function readOperations(doc: Schema): WriteOperation[] {
  return operations(doc, ['get']);
}

function operations(doc: Schema, methods: string[]): WriteOperation[] {
  const resolve = resolver(doc);
  const ops: WriteOperation[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Schema>)) {
    for (const [method, op] of Object.entries(item) as [string, Schema][]) {
      if (!methods.includes(method)) continue;
      const params = (op.parameters ?? []) as Schema[];
      const slots: IdSlot[] = [];
      const segments = path.split('/');
      for (const p of params.filter((p) => p.in === 'path')) {
        const s = resolve(p.schema) ?? {};
        const isId = s.format === 'uuid' || (typeof s.pattern === 'string' && UNIT_CODE.test(s.pattern)) || NAME_KINDS[p.name] === 'unit';
        if (!isId) continue;
        const before = segments[segments.indexOf(`{${p.name}}`) - 1] ?? '';
        const kind = p.name === 'id' ? COLLECTION_KINDS[before] : NAME_KINDS[p.name];
        slots.push({ in: 'path', path: [p.name], array: false, kind });
      }
      const content = op.requestBody?.content as Record<string, Schema> | undefined;
      const contentType = content ? Object.keys(content)[0] : undefined;
      const bodySchema = contentType ? resolve(content![contentType]!.schema) : undefined;
      if (bodySchema && contentType === 'application/json') bodySlots(resolve, bodySchema, [], false, new Set(), slots);
      ops.push({
        method: method.toUpperCase() as WriteOperation['method'],
        path,
        operationId: String(op.operationId ?? `${method} ${path}`),
        roles: (op['x-access']?.roles as string[] | undefined) ?? [],
        contentType,
        bodySchema,
        pathParams: params.filter((p) => p.in === 'path').map((p) => String(p.name)),
        pathSchemas: Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [String(p.name), resolve(p.schema) ?? {}])),
        query: params.filter((p) => p.in === 'query' && p.required).map((p) => ({ name: String(p.name), schema: resolve(p.schema) ?? {} })),
        slots,
      });
    }
  }
  return ops;
}

/** Chinese text of at least `min` characters (and at most `max`). */
function text(min = 0, max = 200): string {
  const base = '安全测试填写的内容';
  let out = base;
  while (out.length < min) out += base;
  return out.slice(0, Math.max(min, Math.min(out.length, max)));
}

/** Whether `slot` lies inside schema `s` at relative path `rest` (used to pick a union's branch). */
function contains(resolve: ReturnType<typeof resolver>, schema: Schema | undefined, rest: string[]): boolean {
  const s = resolve(schema);
  if (!s) return false;
  if (rest.length === 0) return true;
  if (branches(s).some((b) => contains(resolve, b, rest))) return true;
  if (s.items) return contains(resolve, s.items, rest);
  const prop = s.properties?.[rest[0]!];
  return prop ? contains(resolve, prop, rest.slice(1)) : false;
}

/**
 * A value for `schema`: required properties only, plus the property path `target` (the id under
 * test), ids from `idFor(kind)` (kinds from the table above).
 */
export function sample(doc: Schema, schema: Schema | undefined, target: string[], idFor: (kind: IdKind, name: string) => string, name = ''): unknown {
  const resolve = resolver(doc);
  const s = resolve(schema);
  if (!s) return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const options = branches(s).filter((b) => resolve(b)?.type !== 'null');
  if (options.length) {
    const chosen = (target.length && options.find((b) => contains(resolve, b, target))) || options.find((b) => resolve(b)?.format === 'uuid') || options[0]!;
    return sample(doc, chosen, target, idFor, name);
  }
  if (s.allOf) return Object.assign({}, ...(s.allOf as Schema[]).map((b) => sample(doc, b, target, idFor, name)));
  switch (s.type) {
    case 'object': {
      const keys = new Set<string>([...((s.required ?? []) as string[]), ...(target.length ? [target[0]!] : [])]);
      const out: Record<string, unknown> = {};
      for (const key of keys) out[key] = sample(doc, s.properties?.[key], key === target[0] ? target.slice(1) : [], idFor, key);
      return out;
    }
    case 'array': {
      const n = Math.max(s.minItems ?? 0, target.length || (s.items && resolve(s.items)?.format === 'uuid' && NAME_KINDS[name]) ? 1 : 0);
      return Array.from({ length: n }, () => sample(doc, s.items, target, idFor, name));
    }
    case 'string': {
      if (s.format === 'uuid') {
        const kind = NAME_KINDS[name];
        if (!kind) throw new Error(`no id kind for the property ${name}`);
        return idFor(kind, name);
      }
      if (s.format === 'date') return '2030-06-28';
      if (s.format === 'date-time') return '2030-06-28T08:00:00.000Z';
      if (s.format === 'binary') return '';
      if (s.pattern && PATTERN_SAMPLES[s.pattern]) return PATTERN_SAMPLES[s.pattern]!();
      if (s.pattern) throw new Error(`no sample for the pattern ${s.pattern} of ${name}: add one`);
      return text(s.minLength ?? 4, s.maxLength ?? 200);
    }
    case 'integer':
    case 'number': {
      const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (s.type === 'integer' ? 1 : 0.01) : 1);
      return Math.min(low, s.maximum ?? low);
    }
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** Puts `value` where the slot points (the first element of arrays on the way), in place. */
export function setAt(body: unknown, path: string[], value: unknown, array: boolean): void {
  let node = body as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]!];
    node = (Array.isArray(next) ? next[0] : next) as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = array ? [value] : value;
}

/** Deep merge of plain objects (arrays and scalars of `extra` win). */
export function merge(base: unknown, extra: unknown): unknown {
  if (!extra || typeof extra !== 'object' || Array.isArray(extra) || !base || typeof base !== 'object' || Array.isArray(base)) return extra === undefined ? base : extra;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(extra)) out[k] = merge(out[k], v);
  return out;
}
