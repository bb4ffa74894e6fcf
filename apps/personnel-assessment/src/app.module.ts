import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { PersonnelAssessmentEnv } from './config.js';
import { PERSONNEL_ASSESSMENT } from './definition.js';

@Module({})
export class AppModule {
  static register(config: PersonnelAssessmentEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: PERSONNEL_ASSESSMENT, config, logger })],
      providers: [],
    };
  }
}
