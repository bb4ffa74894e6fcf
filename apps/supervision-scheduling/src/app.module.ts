import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { SupervisionSchedulingEnv } from './config.js';
import { SUPERVISION_SCHEDULING } from './definition.js';

@Module({})
export class AppModule {
  static register(config: SupervisionSchedulingEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: SUPERVISION_SCHEDULING, config, logger })],
      providers: [],
    };
  }
}
