import { CONFIG, LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DirectoryEnv } from '../config.js';
import { AccountsService } from './accounts.service.js';

const BATCH = 20;
/** How long a claimed account stays taken: longer than a slow identity provider's answer (the client times out at 10 s per call). */
const LEASE_MS = 120_000;

/**
 * Takes due accounts every ACCOUNT_SYNC_MS and makes the identity provider agree. The state lives in
 * the accounts table (claimed with FOR UPDATE SKIP LOCKED and a lease), so replicas share the work
 * and a restart resumes where it was; a failed attempt is retried with backoff, never dropped.
 */
@Injectable()
export class AccountsProvisioner implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(CONFIG) private readonly config: DirectoryEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.ACCOUNT_SYNC_MS === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'account provisioning pass failed; will retry'))
        .finally(() => (this.running = undefined));
    }, this.config.ACCOUNT_SYNC_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Provisions every account due now, in batches; returns how many were attempted. */
  async runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.accounts.provisionDue(BATCH, LEASE_MS);
      total += n;
      if (n < BATCH) return total;
    }
  }
}
