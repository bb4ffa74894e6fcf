import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { VotingEnv } from './config.js';
import { VOTING } from './definition.js';
import { EvaluationsHandlers } from './evaluations/evaluations.handlers.js';
import { EvaluationsService } from './evaluations/evaluations.service.js';
import { RosterCopyHandlers } from './rosters/roster-copy.handlers.js';

@Module({})
export class AppModule {
  static register(config: VotingEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: VOTING, config, logger })],
      providers: [RosterCopyHandlers, EvaluationsService, EvaluationsHandlers],
    };
  }
}
