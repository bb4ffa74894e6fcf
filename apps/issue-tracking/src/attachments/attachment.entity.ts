import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** The record of an attached file; the bytes are in the gateway's blob store (docs/decisions/0008). */
@Entity('attachments')
@Check('attachments_owner_type_check', `owner_type IN ('problem', 'finding')`)
@Unique('attachments_blob_key_key', ['blobKey'])
@Index('attachments_owner_idx', ['ownerType', 'ownerId', 'id'])
export class AttachmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') ownerType!: 'problem' | 'finding';
  @Column('uuid') ownerId!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('text') name!: string;
  @Column('text') contentType!: string;
  @Column('integer') size!: number;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ type: 'text', nullable: true }) evidence!: string | null;
  @Column('text') blobKey!: string;
  @Column('text') uploadedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) uploadedAt!: Date;
}
