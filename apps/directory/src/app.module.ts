import type { RelayFaults } from '@congress/messaging';
import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { DirectoryEnv } from './config.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { DIRECTORY } from './definition.js';
import { RosterModule } from './roster/roster.module.js';
import { UnitsModule } from './units/units.module.js';

@Module({})
export class AppModule {
  static register(config: DirectoryEnv, logger: Logger, options: { faults?: RelayFaults } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: DIRECTORY, config, logger, faults: options.faults }), UnitsModule, RosterModule, AccountsModule],
    };
  }
}
