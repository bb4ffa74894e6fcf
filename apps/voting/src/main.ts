import 'reflect-metadata';
import { runService } from '@congress/service-kit';
import { AppModule } from './app.module.js';
import { VotingEnv } from './config.js';

await runService({ service: 'voting', env: VotingEnv, module: (config, logger) => AppModule.register(config, logger) });
