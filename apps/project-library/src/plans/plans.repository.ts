import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { AdjustmentEntity } from './adjustment.entity.js';

export type NewAdjustment = Omit<AdjustmentEntity, 'recordedAt'>;

/** Every statement on `adjustments`. */
@Injectable()
export class PlansRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async add(m: EntityManager, row: NewAdjustment): Promise<AdjustmentEntity> {
    // The jsonb columns hold any record, which TypeORM's deep-partial type cannot follow.
    await m.insert(AdjustmentEntity, row as QueryDeepPartialEntity<AdjustmentEntity>);
    return m.findOneByOrFail(AdjustmentEntity, { id: row.id });
  }

  ofProject(projectId: string): Promise<AdjustmentEntity[]> {
    return this.db.manager.find(AdjustmentEntity, { where: { projectId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  /** The adjustments of a unit's plan for a year, in the order they were made. */
  ofPlan(unitCode: string, planYear: number): Promise<AdjustmentEntity[]> {
    return this.db.manager.find(AdjustmentEntity, { where: { unitCode, planYear }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }
}
