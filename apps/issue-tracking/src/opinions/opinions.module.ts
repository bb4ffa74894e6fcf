import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module.js';
import { ProblemsModule } from '../problems/problems.module.js';
import { OpinionRepository } from './opinion.repository.js';
import { OpinionsEvents, OpinionsHandlers } from './opinions.handlers.js';
import { OpinionsService } from './opinions.service.js';

export { OpinionsService } from './opinions.service.js';

/** Deliberation opinions, their problem lists up to transmission, and evaluation results. */
@Module({ imports: [ProblemsModule, FindingsModule], providers: [OpinionRepository, OpinionsService, OpinionsHandlers, OpinionsEvents], exports: [OpinionsService] })
export class OpinionsModule {}
