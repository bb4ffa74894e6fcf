import { AttachmentGet, AttachmentList, AttachmentRegister } from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { AttachmentsService } from './attachments.service.js';

/** Attachments over NATS: each request is one call on the service. */
export const AttachmentsHandlers = requestHandlers(AttachmentsService, (on) => [
  on(AttachmentRegister, (attachments, input, { actor }) => attachments.register(actor, input)),
  on(AttachmentGet, (attachments, { id }, { actor }) => attachments.get(actor, id)),
  on(AttachmentList, (attachments, { ownerType, ownerId }, { actor }) => attachments.list(actor, ownerType, ownerId)),
]);
