import 'reflect-metadata';
import { runService } from '@congress/service-kit';
import { AppModule } from './app.module.js';
import { IssueTrackingEnv } from './config.js';

await runService({ service: 'issue-tracking', env: IssueTrackingEnv, module: (config, logger) => AppModule.register(config, logger) });
