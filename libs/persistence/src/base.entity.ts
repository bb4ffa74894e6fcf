import { BeforeInsert, Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export function newId(): string {
  return uuidv7();
}

/**
 * Columns every aggregate table has: a time-ordered UUIDv7 id (sortable, so cursors and
 * indexes stay cheap), creation and update times, and a version for optimistic concurrency
 * (a change names the version it read; a mismatch is a 409).
 */
export abstract class BaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;

  @BeforeInsert()
  protected assignId(): void {
    if (!this.id) this.id = newId();
  }
}

/** For tables whose rows belong to a unit (most of them). */
export abstract class UnitScopedEntity extends BaseEntity {
  @Column({ type: 'char', length: 6 })
  unitCode!: string;
}
