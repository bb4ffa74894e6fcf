import { ProblemError, type Actor, type Attachment, actorName } from '@congress/contracts';
import { newId, recordAudit } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertOwnUnit } from '../opinions/opinions.service.js';
import { isLiaison, liaisonSees } from '../problems/problem.rules.js';

interface AttachmentRow {
  id: string;
  owner_type: Attachment['ownerType'];
  owner_id: string;
  unit_code: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  evidence: Attachment['evidence'];
  blob_key: string;
  uploaded_by: string;
  uploaded_at: Date;
}
const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  ownerType: r.owner_type,
  ownerId: r.owner_id,
  unitCode: r.unit_code,
  name: r.name,
  contentType: r.content_type,
  size: r.size,
  sha256: r.sha256,
  evidence: r.evidence,
  blobKey: r.blob_key,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at.toISOString(),
});

/**
 * The records of attached files. The bytes live in the gateway's blob store (a claim check: a
 * 20 MB file never travels over NATS); this service keeps who attached what to which problem.
 */
@Injectable()
export class AttachmentsService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async register(actor: Actor, input: Omit<Attachment, 'id' | 'unitCode' | 'uploadedBy' | 'uploadedAt'>): Promise<Attachment> {
    const unitCode = await this.assertOwner(actor, input.ownerType, input.ownerId, 'write');
    return this.db.transaction(async (m) => {
      const [row]: AttachmentRow[] = await m.query(
        `INSERT INTO attachments (id, owner_type, owner_id, unit_code, name, content_type, size, sha256, evidence, blob_key, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [newId(), input.ownerType, input.ownerId, unitCode, input.name, input.contentType, input.size, input.sha256, input.evidence, input.blobKey, actorName(actor)],
      );
      const attachment = toAttachment(row);
      await recordAudit(m, { actor, unitCode, action: 'attachment.add', entityType: input.ownerType, entityId: input.ownerId, after: { id: attachment.id, name: attachment.name, size: attachment.size } });
      return attachment;
    });
  }

  /** One attachment, if the caller may see what it is attached to. */
  async get(actor: Actor, id: string): Promise<Attachment> {
    const [row]: AttachmentRow[] = await this.db.query(`SELECT * FROM attachments WHERE id = $1`, [id]);
    if (!row) throw ProblemError.notFound(`附件 ${id} 不存在`);
    await this.assertOwner(actor, row.owner_type, row.owner_id, 'read');
    return toAttachment(row);
  }

  async list(actor: Actor, ownerType: Attachment['ownerType'], ownerId: string): Promise<Attachment[]> {
    await this.assertOwner(actor, ownerType, ownerId, 'read');
    const rows: AttachmentRow[] = await this.db.query(`SELECT * FROM attachments WHERE owner_type = $1 AND owner_id = $2 ORDER BY id`, [ownerType, ownerId]);
    return rows.map(toAttachment);
  }

  /**
   * The owner's unit, after the same rules as the owner itself: a liaison only touches its own
   * body's problems and never findings; writing needs the owner's unit. Unit reads across the
   * tree are the gateway's to decide (it checks the returned unit).
   */
  private async assertOwner(actor: Actor, type: Attachment['ownerType'], id: string, mode: 'read' | 'write'): Promise<string> {
    if (type === 'finding') {
      const [f] = await this.db.query(`SELECT unit_code FROM findings WHERE id = $1`, [id]);
      if (!f) throw ProblemError.notFound(`调研发现 ${id} 不存在`);
      if (mode === 'write') assertOwnUnit(actor, f.unit_code);
      else if (isLiaison(actor)) throw ProblemError.notFound(`调研发现 ${id} 不存在`);
      return f.unit_code as string;
    }
    const [p] = await this.db.query(`SELECT unit_code, status, responsible_body_id, co_body_ids FROM problems WHERE id = $1`, [id]);
    if (!p) throw ProblemError.notFound(`问题 ${id} 不存在`);
    if (isLiaison(actor) && !liaisonSees(actor, { responsibleBodyId: p.responsible_body_id, coBodyIds: p.co_body_ids })) throw ProblemError.notFound(`问题 ${id} 不存在`);
    if (mode === 'write') {
      if (actor.unitCode !== p.unit_code) throw ProblemError.forbidden('只能为本单位的问题上传附件');
      if (p.status === 'closed') throw ProblemError.conflict('问题已销号，不能再上传附件');
    }
    return p.unit_code as string;
  }
}
