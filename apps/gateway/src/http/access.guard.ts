import { ACCESS_METADATA, PUBLIC_METADATA, TokenError, TokenVerifier, bearerToken, hasAnyRole, type AccessRule } from '@congress/auth';
import { roleNames, NUL_MESSAGE, ProblemError, fieldErrorsFrom, findNulCharacter, type FieldError } from '@congress/contracts';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SCHEMAS_METADATA, type EndpointSchemas } from './endpoint.decorator.js';
import type { GatewayRequest } from './request-context.js';
import { UnitScope } from './unit-scope.service.js';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * The gateway's one gate, in a fixed order: token (401) → role (403) → input (400) → unit scope
 * (403/404). An endpoint that declares no access rule is refused: forgetting is not an opening.
 * Every refusal after authentication is audited.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(UnitScope) private readonly scope: UnitScope,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const req = context.switchToHttp().getRequest<GatewayRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, targets);

    const token = bearerToken(req.headers.authorization);
    if (!token) throw ProblemError.of('unauthenticated', '缺少 Authorization: Bearer 令牌');
    try {
      req.actor = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenError) throw ProblemError.of('unauthenticated', error.reason);
      throw ProblemError.of('unavailable', '暂时无法验证令牌（身份认证服务不可达）');
    }
    const actor = req.actor;

    if (!rule) return this.scope.deny(req, actor, '接口未声明访问规则');
    if (!hasAnyRole(actor, rule.roles)) return this.scope.deny(req, actor, `需要以下角色之一：${roleNames(rule.roles)}`);

    const schemas = this.reflector.get<EndpointSchemas | undefined>(SCHEMAS_METADATA, context.getHandler()) ?? {};
    req.validated = this.validate(req, schemas);

    if (rule.unit.mode === 'read' || rule.unit.mode === 'write') {
      const code = String((req.validated.params as Record<string, unknown> | undefined)?.[rule.unit.param] ?? '');
      await this.scope.assert(req, actor, code, rule.unit.mode);
    }
    return true;
  }

  private validate(req: GatewayRequest, schemas: EndpointSchemas): NonNullable<GatewayRequest['validated']> {
    const errors: FieldError[] = [];
    const parts: NonNullable<GatewayRequest['validated']> = {};
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const prefix = part === 'params' ? 'path' : part;
      const raw = (req[part] as unknown) ?? {};
      const nul = findNulCharacter(raw);
      if (nul) {
        errors.push({ field: `${prefix}.${nul}`, rule: 'nul_character', message: NUL_MESSAGE });
        continue;
      }
      const result = schema.safeParse(raw);
      if (result.success) parts[part] = result.data;
      else errors.push(...fieldErrorsFrom(result.error, prefix, raw));
    }
    if (errors.length) throw ProblemError.validation(errors);
    return parts;
  }
}
