import 'reflect-metadata';
import { runService } from '@congress/service-kit';
import { AppModule } from './app.module.js';
import { PersonnelAssessmentEnv } from './config.js';

await runService({ service: 'personnel-assessment', env: PersonnelAssessmentEnv, module: (config, logger) => AppModule.register(config, logger) });
