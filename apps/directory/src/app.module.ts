import type { RelayFaults } from '@congress/messaging';
import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { DirectoryEnv } from './config.js';
import { DIRECTORY } from './definition.js';
import { RosterHandlers } from './roster/roster.handlers.js';
import { RosterService } from './roster/roster.service.js';
import { UnitsHandlers } from './units/units.handlers.js';
import { UnitsService } from './units/units.service.js';

@Module({})
export class AppModule {
  static register(config: DirectoryEnv, logger: Logger, options: { faults?: RelayFaults } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: DIRECTORY, config, logger, faults: options.faults })],
      providers: [UnitsService, UnitsHandlers, RosterService, RosterHandlers],
    };
  }
}
