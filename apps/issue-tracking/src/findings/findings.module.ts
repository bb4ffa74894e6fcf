import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { FindingRepository } from './finding.repository.js';
import { FindingsHandlers } from './findings.handlers.js';
import { FindingsService } from './findings.service.js';

export { FindingsService, type ProjectRef } from './findings.service.js';

@Module({ imports: [AttachmentsModule], providers: [FindingRepository, FindingsService, FindingsHandlers], exports: [FindingsService] })
export class FindingsModule {}
