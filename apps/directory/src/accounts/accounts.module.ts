import { IdpAdmin } from '@congress/auth';
import { CONFIG } from '@congress/service-kit';
import { Module } from '@nestjs/common';
import type { DirectoryEnv } from '../config.js';
import { RosterModule } from '../roster/roster.module.js';
import { AccountsHandlers } from './accounts.handlers.js';
import { AccountsProvisioner } from './accounts.provisioner.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';
import { IDENTITY_PROVIDER, type IdentityProvider } from './identity-provider.js';

/** Sign-in accounts at the identity provider, following the people of RosterModule (issue 12). */
@Module({
  imports: [RosterModule],
  providers: [
    {
      provide: IDENTITY_PROVIDER,
      useFactory: (config: DirectoryEnv): IdentityProvider | null =>
        config.IDP_ADMIN_URL && config.IDP_ADMIN_CLIENT_SECRET
          ? new IdpAdmin({ url: config.IDP_ADMIN_URL, realm: config.IDP_ADMIN_REALM, clientId: config.IDP_ADMIN_CLIENT_ID, clientSecret: config.IDP_ADMIN_CLIENT_SECRET })
          : null,
      inject: [CONFIG],
    },
    AccountsRepository,
    AccountsService,
    AccountsHandlers,
    AccountsProvisioner,
  ],
  exports: [AccountsService, AccountsProvisioner],
})
export class AccountsModule {}

export { AccountsProvisioner, AccountsService };
