import 'reflect-metadata';
import { runService } from '@congress/service-kit';
import { createLogger } from '@congress/telemetry';
import { AppModule } from './app.module.js';
import { GatewayEnv } from './config.js';
import { configureGateway } from './http/configure.js';

await runService({
  service: 'gateway',
  env: GatewayEnv,
  module: (config, logger) => AppModule.register(config, logger),
  configure: (app, config) => {
    configureGateway(app, config, createLogger('gateway', config.LOG_LEVEL));
  },
});
