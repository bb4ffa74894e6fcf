import { describeEntitiesAgainstMigrations } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { DirectoryEnv } from '../src/config.js';

// Ignore list: empty (the GIN index on people.roles is declared on the entity).
describeEntitiesAgainstMigrations({ service: 'directory', schema: 'directory', env: DirectoryEnv, module: (config, logger) => AppModule.register(config, logger) });
