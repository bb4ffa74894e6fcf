import type { Finding, FindingInput } from '@congress/contracts';
import { newId } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { FindingEntity } from './finding.entity.js';

const toFinding = (r: FindingEntity): Finding => ({
  id: r.id,
  projectId: r.projectId,
  unitCode: r.unitCode,
  description: r.description,
  place: r.place,
  category: r.category,
  suggestedBodyId: r.suggestedBodyId,
  recordedBy: r.recordedBy,
  createdAt: r.createdAt.toISOString(),
});

/** Every statement on `findings`. */
@Injectable()
export class FindingRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(m: EntityManager, ref: { projectId: string; unitCode: string; year: number }, inputs: FindingInput[], recordedBy: string): Promise<Finding[]> {
    const ids = inputs.map(() => newId());
    if (inputs.length === 0) return [];
    await m.insert(
      FindingEntity,
      inputs.map((f, i) => ({ id: ids[i]!, ...ref, description: f.description, place: f.place, category: f.category, suggestedBodyId: f.suggestedBodyId, recordedBy })),
    );
    return this.byIds(m, ids);
  }

  async byIds(m: EntityManager, ids: string[]): Promise<Finding[]> {
    const rows = await m.find(FindingEntity, { where: { id: In(ids) }, order: { id: 'ASC' } });
    return rows.map(toFinding);
  }

  async ofProject(projectId: string, m: EntityManager = this.db.manager): Promise<Finding[]> {
    const rows = await m.find(FindingEntity, { where: { projectId }, order: { id: 'ASC' } });
    return rows.map(toFinding);
  }

  async unitOf(id: string): Promise<string | null> {
    const row = await this.db.manager.findOne(FindingEntity, { where: { id }, select: { id: true, unitCode: true } });
    return row?.unitCode ?? null;
  }
}
