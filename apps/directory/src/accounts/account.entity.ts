import { UnitScopedEntity } from '@congress/persistence';
import { Check, Column, Entity, Index, JoinColumn, OneToOne } from 'typeorm';

/**
 * A person's sign-in account at the identity provider, as the directory wants it and as it last
 * found it. The id is the person's id (one account per person). A row with `next_attempt_at` set is
 * waiting for the provisioner; the provisioner clears it when the identity provider agrees.
 */
@Entity('accounts')
@Check('accounts_state_check', `state IN ('pending', 'linked', 'failed', 'unlinked', 'disabled')`)
@Index('accounts_due_idx', ['nextAttemptAt'], { where: 'next_attempt_at IS NOT NULL' })
@Index('accounts_unit_idx', ['unitCode', 'state'])
export class AccountEntity extends UnitScopedEntity {
  /** pending | linked | failed | unlinked | disabled (AccountState). */
  @Column('text') state!: string;
  /** Whether the person should have an enabled account: they hold a role and the office has not unlinked it. */
  @Column('boolean') wanted!: boolean;
  /** What was last made true at the identity provider (name, unit, body, roles, wanted), to skip repeats. */
  @Column({ type: 'text', nullable: true }) synced!: string | null;
  /** The `sub` of the linked account (also on people.idp_subject while linked). */
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  /** An account detached by the office, to be disabled at the identity provider. */
  @Column({ type: 'text', nullable: true }) retireSubject!: string | null;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'timestamptz', nullable: true }) nextAttemptAt!: Date | null;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) passwordIssuedAt!: Date | null;

  @OneToOne('PersonEntity')
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'accounts_id_fkey' })
  person?: { id: string };
}
