import { AttachmentGet, AttachmentList, AttachmentRegister, type ParsedRequestOf } from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { AttachmentsService } from './attachments.service.js';

@Injectable()
export class AttachmentsHandlers {
  constructor(@Inject(AttachmentsService) private readonly attachments: AttachmentsService) {}

  @HandleRequest(AttachmentRegister)
  async register(input: ParsedRequestOf<typeof AttachmentRegister>, ctx: RequestContext) {
    return this.attachments.register(ctx.actor, input);
  }

  @HandleRequest(AttachmentGet)
  async get(input: ParsedRequestOf<typeof AttachmentGet>, ctx: RequestContext) {
    return this.attachments.get(ctx.actor, input.id);
  }

  @HandleRequest(AttachmentList)
  async list(input: ParsedRequestOf<typeof AttachmentList>, ctx: RequestContext) {
    return { items: await this.attachments.list(ctx.actor, input.ownerType, input.ownerId) };
  }
}
