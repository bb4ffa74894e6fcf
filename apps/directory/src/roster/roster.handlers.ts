import { RosterAdd, RosterRemove, RosterUpdate, UnitPeople, type ParsedRequestOf } from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { RosterService } from './roster.service.js';

@Injectable()
export class RosterHandlers {
  constructor(@Inject(RosterService) private readonly roster: RosterService) {}

  @HandleRequest(UnitPeople)
  async people(input: ParsedRequestOf<typeof UnitPeople>) {
    return this.roster.people(input.code, input);
  }

  @HandleRequest(RosterAdd)
  async add(input: ParsedRequestOf<typeof RosterAdd>, ctx: RequestContext) {
    return this.roster.add(ctx.actor, input);
  }

  @HandleRequest(RosterUpdate)
  async update(input: ParsedRequestOf<typeof RosterUpdate>, ctx: RequestContext) {
    return this.roster.update(ctx.actor, input);
  }

  @HandleRequest(RosterRemove)
  async remove(input: ParsedRequestOf<typeof RosterRemove>, ctx: RequestContext) {
    return this.roster.remove(ctx.actor, input);
  }
}
