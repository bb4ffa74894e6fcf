import 'reflect-metadata';
import { runService } from '@congress/service-kit';
import { AppModule } from './app.module.js';
import { ProjectLibraryEnv } from './config.js';

await runService({ service: 'project-library', env: ProjectLibraryEnv, module: (config, logger) => AppModule.register(config, logger) });
