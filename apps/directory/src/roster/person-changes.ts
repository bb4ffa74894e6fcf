import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PersonEntity } from './person.entity.js';

/** Acts on a change of a person, in the transaction of the change. */
export interface PersonChangeListener {
  personChanged(m: EntityManager, person: PersonEntity): Promise<void>;
}

/**
 * Who acts, in the same transaction, on every change of a person the roster makes: the accounts
 * feature (a person's sign-in account follows what they are). The accounts feature depends on the
 * roster, so the roster cannot depend on it: it registers itself here when its module starts. A
 * service acts on its own changes in the transaction, never through the bus.
 */
@Injectable()
export class PersonChanges {
  private listener: PersonChangeListener | undefined;

  listen(listener: PersonChangeListener): void {
    if (this.listener && this.listener !== listener) throw new Error('person changes already have a listener');
    this.listener = listener;
  }

  async changed(m: EntityManager, person: PersonEntity): Promise<void> {
    if (!this.listener) throw new Error('no listener of person changes: AccountsModule is not loaded');
    await this.listener.personChanged(m, person);
  }
}
