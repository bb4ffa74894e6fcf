import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;

/**
 * zod emits self-contained schemas with local `$defs` (e.g. the recursive unit tree). In an
 * OpenAPI document `#/$defs/x` would point at the document root, so the definitions are moved to
 * components.schemas and the references rewritten.
 */
export function hoistDefs(document: OpenAPIObject): OpenAPIObject {
  const components = ((document.components ??= {}).schemas ??= {}) as Json;
  let counter = 0;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const obj = node as Json;
    if (obj.$defs && typeof obj.$defs === 'object') {
      const renames = new Map<string, string>();
      for (const [name, schema] of Object.entries(obj.$defs as Json)) {
        // A schema with a title (zod `.meta({ title })`) is named by it; the same title is the same schema.
        const title = (schema as Json).title;
        renames.set(name, typeof title === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(title) ? title : `Schema${++counter}`);
      }
      const rewrite = (n: unknown): void => {
        if (!n || typeof n !== 'object') return;
        if (Array.isArray(n)) return n.forEach(rewrite);
        const o = n as Json;
        if (typeof o.$ref === 'string') {
          const match = /^#\/\$defs\/(.+)$/.exec(o.$ref);
          if (match && renames.has(match[1])) o.$ref = `#/components/schemas/${renames.get(match[1])}`;
        }
        Object.values(o).forEach(rewrite);
      };
      const defs = obj.$defs as Json;
      delete obj.$defs;
      rewrite(obj);
      for (const [name, schema] of Object.entries(defs)) {
        rewrite(schema);
        components[renames.get(name)!] = schema;
        visit(schema);
      }
    }
    Object.values(obj).forEach(visit);
  };
  visit(document.paths);
  return document;
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('项目化闭环监督平台 API')
    .setDescription(
      '人大常委会项目化闭环监督平台的公开 HTTP 接口。所有接口需要 Keycloak 签发的 Bearer 令牌；' +
        '错误以 application/problem+json（RFC 9457）返回，`errors[]` 列出 {field, rule, message}。' +
        '列表接口用 `limit` 与 `cursor` 分页，响应中的 `nextCursor` 为下一页游标（null 表示没有更多）。',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return hoistDefs(SwaggerModule.createDocument(app, config));
}

export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json', customSiteTitle: '项目化闭环监督平台 API' });
  return document;
}
