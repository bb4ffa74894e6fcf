import { ProblemError, type Body, type Committee, type Page, type Unit } from '@congress/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitsRepository } from './units.repository.js';

/** Units, their committees and bodies: reads, and what roster changes need of a unit. */
@Injectable()
export class UnitsService {
  constructor(@Inject(UnitsRepository) private readonly repo: UnitsRepository) {}

  async list(): Promise<Unit[]> {
    return this.repo.list();
  }

  async get(code: string): Promise<Unit> {
    const unit = await this.repo.get(code);
    if (!unit) throw ProblemError.notFound(`单位 ${code} 不存在`);
    return unit;
  }

  async requireUnit(code: string): Promise<void> {
    if (!(await this.repo.exists(code))) throw ProblemError.notFound(`单位 ${code} 不存在`);
  }

  async bodies(code: string, query: { limit: number; cursor?: string }): Promise<Page<Body>> {
    await this.requireUnit(code);
    return this.repo.bodies(code, query);
  }

  async committees(code: string, query: { limit: number; cursor?: string }): Promise<Page<Committee>> {
    await this.requireUnit(code);
    return this.repo.committees(code, query);
  }

  /** Locks the unit for a roster change in the caller's transaction (404 when there is no such unit). */
  async lockForRosterChange(m: EntityManager, code: string): Promise<void> {
    if (!(await this.repo.lock(m, code))) throw ProblemError.notFound(`单位 ${code} 不存在`);
  }

  /** The unit's next roster version, taken in the caller's transaction. */
  async nextRosterVersion(m: EntityManager, code: string): Promise<number> {
    return this.repo.bumpRosterVersion(m, code);
  }

  async hasCommittee(m: EntityManager, code: string, committeeId: string): Promise<boolean> {
    return this.repo.hasCommittee(m, code, committeeId);
  }

  async hasBody(m: EntityManager, code: string, bodyId: string): Promise<boolean> {
    return this.repo.hasBody(m, code, bodyId);
  }
}
