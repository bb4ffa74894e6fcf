import { Access, type AccessRule } from '@congress/auth';
import { Problem, ROLE_NAMES, type Role } from '@congress/contracts';
import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtension, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

export const SCHEMAS_METADATA = 'congress:schemas';

export interface EndpointSchemas {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
}

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 for OpenAPI 3.1 (nested $defs are hoisted to components by openapi.ts). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  // A recursive schema refers to itself as `#`, which inside an OpenAPI document means the whole
  // document: turn the root into a named definition so it can be hoisted to components.
  if (!JSON.stringify(rest).includes('"$ref":"#"')) return rest;
  const { $defs, ...root } = rest;
  const pointAtRoot = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const o = node as JsonSchema;
    if (o.$ref === '#') o.$ref = '#/$defs/__root';
    Object.values(o).forEach(pointAtRoot);
  };
  pointAtRoot(root);
  pointAtRoot($defs);
  return { $ref: '#/$defs/__root', $defs: { ...($defs as JsonSchema | undefined), __root: root } };
}

function describeAccess(rule: AccessRule): string {
  const roles = rule.roles.map((r) => `\`${r}\`（${ROLE_NAMES[r as Role]}）`).join('、');
  const u = rule.unit;
  const unit =
    u.mode === 'caller'
      ? `调用者自己的单位范围：${u.reason}`
      : u.mode === 'resource'
        ? `所访问对象所属单位（${u.check === 'read' ? '本单位或省、市级用户的下级单位' : '仅本单位'}）：${u.reason}`
        : u.mode === 'read'
        ? `本单位，或省、市级用户的下级单位（路径参数 \`${u.param}\`）`
        : `仅本单位（路径参数 \`${u.param}\`）`;
  return `**角色**：${roles}\n\n**单位范围**：${unit}`;
}

const problemResponses = [
  { status: 400, description: '参数不符合要求（errors[] 列出字段与规则）' },
  { status: 401, description: '缺少令牌，或令牌过期、伪造、签发者不符' },
  { status: 403, description: '角色或单位范围不允许' },
  { status: 429, description: '请求过于频繁' },
];

/**
 * One decorator per endpoint: its roles and unit rule, the zod schemas of its path, query and
 * body (validated before the handler runs), its response schema, and the OpenAPI description of
 * all of it. An endpoint without it is refused by the access guard.
 */
export function Endpoint(spec: EndpointSchemas & { summary: string; description?: string; access: AccessRule; response: z.ZodType; status?: number }) {
  const decorators = [
    Access(spec.access),
    SetMetadata(SCHEMAS_METADATA, { params: spec.params, query: spec.query, body: spec.body } satisfies EndpointSchemas),
    ApiOperation({ summary: spec.summary, description: [spec.description, describeAccess(spec.access)].filter(Boolean).join('\n\n') }),
    ApiExtension('x-access', { roles: spec.access.roles, unit: spec.access.unit }),
    ApiBearerAuth(),
    HttpCode(spec.status ?? 200),
    ApiResponse({ status: spec.status ?? 200, description: '成功', schema: jsonSchema(spec.response, 'output') }),
    ...problemResponses.map((r) => ApiResponse({ status: r.status, description: r.description, content: { 'application/problem+json': { schema: jsonSchema(Problem, 'output') } } })),
  ];
  for (const [name, schema] of Object.entries(spec.params?.shape ?? {})) {
    decorators.push(ApiParam({ name, required: true, schema: jsonSchema(schema as z.ZodType, 'input') }));
  }
  for (const [name, schema] of Object.entries(spec.query?.shape ?? {})) {
    const s = schema as z.ZodType;
    decorators.push(ApiQuery({ name, required: !s.safeParse(undefined).success, schema: jsonSchema(s, 'input') }));
  }
  if (spec.body) decorators.push(ApiBody({ schema: jsonSchema(spec.body, 'input') }));
  return applyDecorators(...decorators);
}
