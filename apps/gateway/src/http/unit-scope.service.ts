import { decideUnitAccess } from '@congress/auth';
import { ProblemError, type Actor } from '@congress/contracts';
import { recordAudit } from '@congress/persistence';
import { LOGGER } from '@congress/service-kit';
import { activeTraceIds, type Logger } from '@congress/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitTreeService } from '../units/unit-tree.service.js';
import type { GatewayRequest } from './request-context.js';

/**
 * The unit rule applied where it is decided: by the access guard for path parameters, by
 * controllers for resources they load (a project's unit). Every refusal is audited.
 */
@Injectable()
export class UnitScope {
  constructor(
    @Inject(UnitTreeService) private readonly units: UnitTreeService,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async assert(req: GatewayRequest, actor: Actor, unitCode: string, mode: 'read' | 'write'): Promise<void> {
    await this.units.refresh();
    const decision = decideUnitAccess(actor, unitCode, mode, this.units);
    if (decision.allowed) return;
    if (decision.status === 404) throw ProblemError.notFound(decision.reason);
    return this.deny(req, actor, decision.reason, unitCode);
  }

  /**
   * The read rule for a thing looked up by id: one the caller may not read is answered as one that
   * does not exist (`absent`, the same 404 its service gives for a missing id), so an id reveals
   * nothing of another unit. The refusal is audited as any other.
   */
  async assertVisible(req: GatewayRequest, actor: Actor, unitCode: string, absent: string): Promise<void> {
    try {
      await this.assert(req, actor, unitCode, 'read');
    } catch (error) {
      if (error instanceof ProblemError && error.problem.status === 403) throw ProblemError.notFound(absent);
      throw error;
    }
  }

  /**
   * A write to an existing aggregate in one NATS trip: the owning service decides the unit scope
   * from the actor (it must anyway: the bus can be reached without the gateway), so the gateway
   * does not load the aggregate first. A refusal for scope (403) is audited here as before.
   */
  async byOwner<T>(req: GatewayRequest, actor: Actor, command: Promise<T>): Promise<T> {
    try {
      return await command;
    } catch (error) {
      if (error instanceof ProblemError && error.problem.status === 403) return this.deny(req, actor, error.problem.detail ?? error.problem.title);
      throw error;
    }
  }

  /** Audits the refusal, then throws 403. */
  async deny(req: GatewayRequest, actor: Actor, reason: string, unitCode?: string): Promise<never> {
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
