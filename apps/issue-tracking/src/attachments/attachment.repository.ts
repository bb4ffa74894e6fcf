import type { Attachment } from '@congress/contracts';
import { newId } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AttachmentEntity } from './attachment.entity.js';

const toAttachment = (r: AttachmentEntity): Attachment => ({
  id: r.id,
  ownerType: r.ownerType,
  ownerId: r.ownerId,
  unitCode: r.unitCode,
  name: r.name,
  contentType: r.contentType,
  size: r.size,
  sha256: r.sha256,
  evidence: r.evidence as Attachment['evidence'],
  blobKey: r.blobKey,
  uploadedBy: r.uploadedBy,
  uploadedAt: r.uploadedAt.toISOString(),
});

/** Every statement on `attachments`. */
@Injectable()
export class AttachmentRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(m: EntityManager, a: Omit<Attachment, 'id' | 'uploadedAt'>): Promise<Attachment> {
    const id = newId();
    await m.insert(AttachmentEntity, { id, ...a });
    return toAttachment(await m.findOneByOrFail(AttachmentEntity, { id }));
  }

  async find(id: string): Promise<Attachment | null> {
    const row = await this.db.manager.findOneBy(AttachmentEntity, { id });
    return row ? toAttachment(row) : null;
  }

  async ofOwner(ownerType: Attachment['ownerType'], ownerId: string, m: EntityManager = this.db.manager, ids?: string[]): Promise<Attachment[]> {
    const rows = await m.find(AttachmentEntity, { where: { ownerType, ownerId, ...(ids ? { id: In(ids) } : {}) }, order: { id: 'ASC' } });
    return rows.map(toAttachment);
  }
}
