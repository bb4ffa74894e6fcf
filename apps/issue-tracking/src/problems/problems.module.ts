import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { OverdueWatch } from './overdue-watch.js';
import { ProblemRepository } from './problem.repository.js';
import { ProblemsHandlers } from './problems.handlers.js';
import { ProblemsService } from './problems.service.js';

export { ProblemsService, type OpinionRef } from './problems.service.js';

/** A problem's life and the ledger; the opinion asks its service to list, assign and reopen problems. */
@Module({ imports: [AttachmentsModule], providers: [ProblemRepository, ProblemsService, ProblemsHandlers, OverdueWatch], exports: [ProblemsService] })
export class ProblemsModule {}
