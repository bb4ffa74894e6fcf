import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { IssueTrackingEnv } from './config.js';
import { ISSUE_TRACKING } from './definition.js';

@Module({})
export class AppModule {
  static register(config: IssueTrackingEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: ISSUE_TRACKING, config, logger })],
      providers: [],
    };
  }
}
