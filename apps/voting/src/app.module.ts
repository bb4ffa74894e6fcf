import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { VotingEnv } from './config.js';
import { VOTING } from './definition.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { RostersModule } from './rosters/rosters.module.js';

@Module({})
export class AppModule {
  static register(config: VotingEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: VOTING, config, logger }), RostersModule, EvaluationsModule],
    };
  }
}
