import { ACCESS_METADATA, PUBLIC_METADATA, TokenError, TokenVerifier, bearerToken, decideUnitAccess, hasAnyRole, type AccessRule } from '@congress/auth';
import { ProblemError, fieldErrorsFrom, type Actor, type FieldError } from '@congress/contracts';
import { recordAudit } from '@congress/persistence';
import { LOGGER } from '@congress/service-kit';
import { activeTraceIds, type Logger } from '@congress/telemetry';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { UnitTreeService } from '../units/unit-tree.service.js';
import { SCHEMAS_METADATA, type EndpointSchemas } from './endpoint.decorator.js';
import type { GatewayRequest } from './request-context.js';

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
    @Inject(UnitTreeService) private readonly units: UnitTreeService,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
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

    if (!rule) return this.deny(req, actor, '接口未声明访问规则');
    if (!hasAnyRole(actor, rule.roles)) return this.deny(req, actor, `需要以下角色之一：${rule.roles.join('、')}`);

    const schemas = this.reflector.get<EndpointSchemas | undefined>(SCHEMAS_METADATA, context.getHandler()) ?? {};
    req.validated = this.validate(req, schemas);

    if (rule.unit.mode !== 'caller') {
      const code = String((req.validated.params as Record<string, unknown> | undefined)?.[rule.unit.param] ?? '');
      await this.units.refresh();
      const decision = decideUnitAccess(actor, code, rule.unit.mode, this.units);
      if (!decision.allowed) {
        if (decision.status === 404) throw ProblemError.notFound(decision.reason);
        return this.deny(req, actor, decision.reason, code);
      }
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
      const result = schema.safeParse(raw);
      if (result.success) parts[part] = result.data;
      else errors.push(...fieldErrorsFrom(result.error, prefix, raw));
    }
    if (errors.length) throw ProblemError.validation(errors);
    return parts;
  }

  private async deny(req: GatewayRequest, actor: Actor, reason: string, unitCode?: string): Promise<never> {
    try {
      await recordAudit(this.db.manager, {
        actor,
        unitCode: unitCode && /^\d{6}$/.test(unitCode) ? unitCode : null,
        action: 'access.denied',
        entityType: 'http',
        entityId: `${req.method} ${req.url.split('?')[0]}`.slice(0, 300),
        after: { reason },
        requestId: req.requestId,
        traceId: activeTraceIds().traceId,
      });
    } catch (error) {
      this.logger.error({ err: error }, 'could not audit a refused request');
    }
    throw ProblemError.forbidden(reason);
  }
}
