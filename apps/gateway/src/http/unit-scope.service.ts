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
 * A thing a write names by id in its path, for `byOwner`: the words its service uses when it does
 * not exist, and how to learn its unit when the service refuses the write.
 */
export interface Owner {
  absent: string;
  unitOf: () => Promise<string>;
}

/**
 * The unit rule applied where it is decided: by the access guard for path parameters, by
 * controllers for resources they load (a project's unit). Every refusal is audited. A thing of a
 * unit the caller may not even read is answered as one that does not exist (the same 404 as for a
 * missing id), so an id reveals nothing of another unit; one it may read but not change is 403.
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
   * The unit rule for a thing looked up by id (its unit known): one of a unit the caller may not
   * read is `absent` (the 404 its service gives for a missing id); one it may read but not change
   * (a city's office and its county's project) is 403.
   */
  async assertResource(req: GatewayRequest, actor: Actor, unitCode: string, mode: 'read' | 'write', absent: string): Promise<void> {
    await this.units.refresh();
    const read = decideUnitAccess(actor, unitCode, 'read', this.units);
    if (!read.allowed) return this.hide(req, actor, read.status === 404 ? absent : read.reason, absent, unitCode);
    if (mode === 'write') await this.assert(req, actor, unitCode, 'write');
  }

  /**
   * A write to an existing aggregate in one NATS trip: the owning service decides the unit scope
   * from the actor (it must anyway: the bus can be reached without the gateway), so the gateway
   * does not load the aggregate first. A refusal for scope (403) is audited here as before.
   */
  async byOwner<T>(req: GatewayRequest, actor: Actor, command: Promise<T>, owner: Owner): Promise<T> {
    try {
      return await command;
    } catch (error) {
      if (!(error instanceof ProblemError && error.problem.status === 403)) throw error;
      const reason = error.problem.detail ?? error.problem.title;
      // Refused: of a unit the caller may not read, the thing is answered as absent.
      const unit = await owner.unitOf().catch(() => null);
      await this.units.refresh();
      if (!unit || !decideUnitAccess(actor, unit, 'read', this.units).allowed) return this.hide(req, actor, reason, owner.absent, unit ?? undefined);
      return this.deny(req, actor, reason, unit);
    }
  }

  /** Audits the refusal, then throws 403. */
  async deny(req: GatewayRequest, actor: Actor, reason: string, unitCode?: string): Promise<never> {
    await this.audit(req, actor, reason, unitCode);
    throw ProblemError.forbidden(reason);
  }

  /** Audits the refusal (with its real reason), then answers as if the thing did not exist. */
  private async hide(req: GatewayRequest, actor: Actor, reason: string, absent: string, unitCode?: string): Promise<never> {
    await this.audit(req, actor, reason, unitCode);
    throw ProblemError.notFound(absent);
  }

  private async audit(req: GatewayRequest, actor: Actor, reason: string, unitCode?: string): Promise<void> {
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
  }
}
