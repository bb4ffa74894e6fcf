import { UnitBodies, UnitCommittees, UnitGet, UnitList, type ParsedRequestOf } from '@congress/contracts';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { UnitsService } from './units.service.js';

/** NATS handlers: thin, the rules live in the service. (`directory.unit.people` is the roster feature's.) */
@Injectable()
export class UnitsHandlers {
  constructor(@Inject(UnitsService) private readonly units: UnitsService) {}

  @HandleRequest(UnitList)
  async list() {
    return { items: await this.units.list() };
  }

  @HandleRequest(UnitGet)
  async get(input: ParsedRequestOf<typeof UnitGet>) {
    return this.units.get(input.code);
  }

  @HandleRequest(UnitBodies)
  async bodies(input: ParsedRequestOf<typeof UnitBodies>) {
    return this.units.bodies(input.code, input);
  }

  @HandleRequest(UnitCommittees)
  async committees(input: ParsedRequestOf<typeof UnitCommittees>) {
    return this.units.committees(input.code, input);
  }
}
