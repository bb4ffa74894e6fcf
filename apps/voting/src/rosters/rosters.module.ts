import { Module } from '@nestjs/common';
import { RosterCopyHandlers } from './roster-copy.handlers.js';
import { RosterCopyRepository } from './roster-copy.repository.js';
import { RosterCopyService } from './roster-copy.service.js';

/** Voting's read copy of each unit's committee roster, fed by `unit.roster-changed.v1`. */
@Module({
  providers: [RosterCopyRepository, RosterCopyService, RosterCopyHandlers],
  exports: [RosterCopyService],
})
export class RostersModule {}

export { RosterCopyService };
