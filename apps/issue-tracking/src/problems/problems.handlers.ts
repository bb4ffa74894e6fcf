import {
  CloseRequest,
  ExtensionDecide,
  ExtensionList,
  ExtensionRequest,
  LookBackList,
  LookBackRecord,
  ProblemCountsGet,
  ProblemGet,
  ProblemHistory,
  ProblemList,
  ProblemUpdate,
  ProblemVerify,
  ProgressList,
  ProgressReport,
  type ParsedRequestOf,
} from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ProblemsService } from './problems.service.js';

@Injectable()
export class ProblemsHandlers {
  constructor(@Inject(ProblemsService) private readonly problems: ProblemsService) {}

  @HandleRequest(ProblemGet)
  async get(input: ParsedRequestOf<typeof ProblemGet>, ctx: RequestContext) {
    return this.problems.get(ctx.actor, input.id);
  }

  @HandleRequest(ProblemList)
  async list(input: ParsedRequestOf<typeof ProblemList>, ctx: RequestContext) {
    return this.problems.list(ctx.actor, input);
  }

  @HandleRequest(ProblemCountsGet)
  async counts(input: ParsedRequestOf<typeof ProblemCountsGet>, ctx: RequestContext) {
    return this.problems.counts(ctx.actor, input);
  }

  @HandleRequest(ProblemUpdate)
  async update(input: ParsedRequestOf<typeof ProblemUpdate>, ctx: RequestContext) {
    const { id, expectedVersion, ...changes } = input;
    return this.problems.update(ctx.actor, id, expectedVersion, changes);
  }

  @HandleRequest(ProgressReport)
  async progress(input: ParsedRequestOf<typeof ProgressReport>, ctx: RequestContext) {
    const { id, ...report } = input;
    return this.problems.reportProgress(ctx.actor, id, report);
  }

  @HandleRequest(ProgressList)
  async progressList(input: ParsedRequestOf<typeof ProgressList>, ctx: RequestContext) {
    return { items: await this.problems.progress(ctx.actor, input.id) };
  }

  @HandleRequest(CloseRequest)
  async requestClose(input: ParsedRequestOf<typeof CloseRequest>, ctx: RequestContext) {
    const { id, ...request } = input;
    return this.problems.requestClose(ctx.actor, id, request);
  }

  @HandleRequest(ProblemVerify)
  async verify(input: ParsedRequestOf<typeof ProblemVerify>, ctx: RequestContext) {
    const { id, ...verification } = input;
    return this.problems.verify(ctx.actor, id, verification);
  }

  @HandleRequest(ExtensionRequest)
  async requestExtension(input: ParsedRequestOf<typeof ExtensionRequest>, ctx: RequestContext) {
    const { id, ...request } = input;
    return this.problems.requestExtension(ctx.actor, id, request);
  }

  @HandleRequest(ExtensionDecide)
  async decideExtension(input: ParsedRequestOf<typeof ExtensionDecide>, ctx: RequestContext) {
    const { id, extensionId, ...decision } = input;
    return this.problems.decideExtension(ctx.actor, id, extensionId, decision);
  }

  @HandleRequest(ExtensionList)
  async extensions(input: ParsedRequestOf<typeof ExtensionList>, ctx: RequestContext) {
    return { items: await this.problems.extensions(ctx.actor, input.id) };
  }

  @HandleRequest(LookBackRecord)
  async lookBack(input: ParsedRequestOf<typeof LookBackRecord>, ctx: RequestContext) {
    const { id, ...lookBack } = input;
    return this.problems.lookBack(ctx.actor, id, lookBack);
  }

  @HandleRequest(LookBackList)
  async lookBacks(input: ParsedRequestOf<typeof LookBackList>, ctx: RequestContext) {
    return { items: await this.problems.lookBacks(ctx.actor, input.id) };
  }

  @HandleRequest(ProblemHistory)
  async history(input: ParsedRequestOf<typeof ProblemHistory>, ctx: RequestContext) {
    return { items: await this.problems.history(ctx.actor, input.id) };
  }
}
