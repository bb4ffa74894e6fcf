import 'reflect-metadata';
import { runService } from '@congress/service-kit';
import { AppModule } from './app.module.js';
import { DirectoryEnv } from './config.js';

await runService({ service: 'directory', env: DirectoryEnv, module: (config, logger) => AppModule.register(config, logger) });
