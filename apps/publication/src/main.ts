import 'reflect-metadata';
import { runService } from '@congress/service-kit';
import { AppModule } from './app.module.js';
import { PublicationEnv } from './config.js';

await runService({ service: 'publication', env: PublicationEnv, module: (config, logger) => AppModule.register(config, logger) });
