import { ProblemError, actorName, assertAllowed, type Actor, type Attachment } from '@congress/contracts';
import { recordAudit } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ATTACHMENT_MACHINES, mayRead, type AttachmentOwner } from './attachment.rules.js';
import { AttachmentRepository } from './attachment.repository.js';

export type { AttachmentOwner } from './attachment.rules.js';

/** How attachments learn about an owner: the owning feature's answer (404 when the caller may not know it exists). */
export type OwnerLookup = (actor: Actor, id: string) => Promise<AttachmentOwner>;

/**
 * The records of attached files. The bytes live in the gateway's blob store (a claim check: a
 * 20 MB file never travels over NATS); this service keeps who attached what to which problem or
 * finding. The owning features (problems, findings) register how to look their owners up, so
 * this feature needs none of their files and they may ask it for their attachments.
 */
@Injectable()
export class AttachmentsService {
  private readonly owners = new Map<Attachment['ownerType'], OwnerLookup>();

  constructor(@Inject(AttachmentRepository) private readonly attachments: AttachmentRepository) {}

  registerOwner(type: Attachment['ownerType'], lookup: OwnerLookup): void {
    this.owners.set(type, lookup);
  }

  private owner(actor: Actor, type: Attachment['ownerType'], id: string): Promise<AttachmentOwner> {
    const lookup = this.owners.get(type);
    if (!lookup) throw new Error(`no owner lookup registered for ${type}`);
    return lookup(actor, id);
  }

  private async readable(actor: Actor, type: Attachment['ownerType'], id: string): Promise<AttachmentOwner> {
    const owner = await this.owner(actor, type, id);
    if (!mayRead(actor, owner)) throw ProblemError.notFound(`${type === 'finding' ? '调研发现' : '问题'} ${id} 不存在`);
    return owner;
  }

  async register(actor: Actor, input: Omit<Attachment, 'id' | 'unitCode' | 'uploadedBy' | 'uploadedAt'>): Promise<Attachment> {
    const owner = await this.owner(actor, input.ownerType, input.ownerId);
    assertAllowed(ATTACHMENT_MACHINES[input.ownerType], 'attach', actor, owner);
    return this.attachments.transaction(async (m) => {
      const attachment = await this.attachments.insert(m, { ...input, unitCode: owner.unitCode, uploadedBy: actorName(actor) });
      await recordAudit(m, { actor, unitCode: owner.unitCode, action: 'attachment.add', entityType: input.ownerType, entityId: input.ownerId, after: { id: attachment.id, name: attachment.name, size: attachment.size } });
      return attachment;
    });
  }

  /** One attachment, if the caller may see what it is attached to. */
  async get(actor: Actor, id: string): Promise<Attachment> {
    const attachment = await this.attachments.find(id);
    if (!attachment) throw ProblemError.notFound(`附件 ${id} 不存在`);
    await this.readable(actor, attachment.ownerType, attachment.ownerId);
    return attachment;
  }

  /** The owner's attachments, and the owner's unit (for the unit rule, which holds with no attachments too). */
  async list(actor: Actor, ownerType: Attachment['ownerType'], ownerId: string): Promise<{ items: Attachment[]; unitCode: string }> {
    const owner = await this.readable(actor, ownerType, ownerId);
    return { items: await this.attachments.ofOwner(ownerType, ownerId), unitCode: owner.unitCode };
  }

  /** The owner's attachments among `ids` (what a progress report or close-out request names), in the caller's transaction. */
  ofOwner(m: EntityManager, ownerType: Attachment['ownerType'], ownerId: string, ids: string[]): Promise<Attachment[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.attachments.ofOwner(ownerType, ownerId, m, ids);
  }
}
