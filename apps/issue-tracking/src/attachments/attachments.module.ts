import { Module } from '@nestjs/common';
import { AttachmentRepository } from './attachment.repository.js';
import { AttachmentsHandlers } from './attachments.handlers.js';
import { AttachmentsService } from './attachments.service.js';

export { AttachmentsService, type AttachmentOwner } from './attachments.service.js';

/** Attached files' records; problems and findings register how their owners are looked up. */
@Module({ providers: [AttachmentRepository, AttachmentsService, AttachmentsHandlers], exports: [AttachmentsService] })
export class AttachmentsModule {}
