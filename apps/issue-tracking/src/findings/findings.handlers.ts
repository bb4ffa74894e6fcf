import { FindingCreate, FindingImport, FindingList, type ParsedRequestOf } from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { FindingsService } from './findings.service.js';

@Injectable()
export class FindingsHandlers {
  constructor(@Inject(FindingsService) private readonly findings: FindingsService) {}

  @HandleRequest(FindingCreate)
  async create(input: ParsedRequestOf<typeof FindingCreate>, ctx: RequestContext) {
    const { projectId, unitCode, year, ...finding } = input;
    const [created] = await this.findings.add(ctx.actor, { projectId, unitCode, year }, [finding]);
    return created;
  }

  @HandleRequest(FindingImport)
  async import(input: ParsedRequestOf<typeof FindingImport>, ctx: RequestContext) {
    const { findings, ...ref } = input;
    const created = await this.findings.add(ctx.actor, ref, findings);
    return { imported: created.length, ids: created.map((f) => f.id) };
  }

  @HandleRequest(FindingList)
  async list(input: ParsedRequestOf<typeof FindingList>) {
    return { items: await this.findings.list(input.projectId) };
  }
}
