import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { PublicationEnv } from './config.js';
import { PUBLICATION } from './definition.js';

@Module({})
export class AppModule {
  static register(config: PublicationEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: PUBLICATION, config, logger })],
      providers: [],
    };
  }
}
