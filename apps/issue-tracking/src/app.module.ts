import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import { AttachmentsModule } from './attachments/attachments.module.js';
import type { IssueTrackingEnv } from './config.js';
import { ISSUE_TRACKING } from './definition.js';
import { FindingsModule } from './findings/findings.module.js';
import { OpinionsModule } from './opinions/opinions.module.js';
import { ProblemsModule } from './problems/problems.module.js';
import { TimelineModule } from './timeline/timeline.module.js';

@Module({})
export class AppModule {
  static register(config: IssueTrackingEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: ISSUE_TRACKING, config, logger }), AttachmentsModule, FindingsModule, ProblemsModule, OpinionsModule, TimelineModule],
    };
  }
}
