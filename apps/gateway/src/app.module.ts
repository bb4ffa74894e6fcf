import { TokenVerifier } from '@congress/auth';
import { CONFIG, PlatformModule } from '@congress/service-kit';
import { createBlobStore } from '@congress/storage';
import { DataSource } from 'typeorm';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { GatewayEnv } from './config.js';
import { GATEWAY } from './definition.js';
import { AccessGuard, TOKEN_VERIFIER } from './http/access.guard.js';
import { FixedWindowStorage } from './http/fixed-window.storage.js';
import { UserRateLimitGuard } from './http/rate-limit.guard.js';
import { UnitReferences } from './http/unit-references.js';
import { UnitScope } from './http/unit-scope.service.js';
import { EvaluationReferences } from './evaluations/evaluation-references.js';
import { EvaluationsController } from './evaluations/evaluations.controller.js';
import { AttachmentsController, BLOB_STORE } from './issues/attachments.controller.js';
import { BodyDirectory } from './issues/body-directory.js';
import { OpinionsController } from './issues/opinions.controller.js';
import { IssueAccess } from './issues/problem-access.js';
import { ProblemsController } from './issues/problems.controller.js';
import { PlansController } from './plans/plans.controller.js';
import { ProjectAccess } from './projects/project-access.js';
import { ProjectsController } from './projects/projects.controller.js';
import { UnitTreeService } from './units/unit-tree.service.js';
import { AccountsController } from './units/accounts.controller.js';
import { UnitsController } from './units/units.controller.js';

@Module({})
export class AppModule {
  static register(config: GatewayEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({ definition: GATEWAY, config, logger }),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'per-user', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }], storage: new FixedWindowStorage() }),
      ],
      controllers: [UnitsController, AccountsController, ProjectsController, PlansController, OpinionsController, ProblemsController, AttachmentsController, EvaluationsController],
      providers: [
        UnitTreeService,
        UnitScope,
        ProjectAccess,
        IssueAccess,
        BodyDirectory,
        EvaluationReferences,
        UnitReferences,
        { provide: BLOB_STORE, useFactory: (db: DataSource, env: GatewayEnv) => createBlobStore(env, db), inject: [DataSource, CONFIG] },
        {
          provide: TOKEN_VERIFIER,
          useValue: new TokenVerifier({ url: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, issuer: config.KEYCLOAK_ISSUER, audience: config.KEYCLOAK_AUDIENCE }),
        },
        // Order matters: who you are first (401/403/400), then how often you ask (429).
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: UserRateLimitGuard },
      ],
    };
  }
}
