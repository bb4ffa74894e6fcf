import { Module } from '@nestjs/common';
import { RostersModule } from '../rosters/rosters.module.js';
import { EvaluationsHandlers } from './evaluations.handlers.js';
import { EvaluationsRepository } from './evaluations.repository.js';
import { EvaluationsService } from './evaluations.service.js';

/** Satisfaction evaluations by secret ballot; freezes each roster from the rosters feature's copy. */
@Module({
  imports: [RostersModule],
  providers: [EvaluationsRepository, EvaluationsService, EvaluationsHandlers],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}

export { EvaluationsService };
