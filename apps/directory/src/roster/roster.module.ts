import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module.js';
import { PersonChanges } from './person-changes.js';
import { RosterHandlers } from './roster.handlers.js';
import { RosterRepository } from './roster.repository.js';
import { RosterService } from './roster.service.js';

/** People and committee rosters (changes publish unit.roster-changed.v1); uses units through UnitsService. */
@Module({
  imports: [UnitsModule],
  providers: [RosterRepository, RosterService, RosterHandlers, PersonChanges],
  exports: [RosterService, PersonChanges],
})
export class RosterModule {}

export { PersonChanges, RosterService };
export type { PersonChangeListener } from './person-changes.js';
export type { PersonEntity } from './person.entity.js';
