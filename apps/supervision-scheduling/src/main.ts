import 'reflect-metadata';
import { runService } from '@congress/service-kit';
import { AppModule } from './app.module.js';
import { SupervisionSchedulingEnv } from './config.js';

await runService({ service: 'supervision-scheduling', env: SupervisionSchedulingEnv, module: (config, logger) => AppModule.register(config, logger) });
