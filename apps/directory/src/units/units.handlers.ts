import { UnitBodies, UnitCommittees, UnitGet, UnitList, UnitPeople, type ParsedRequestOf } from '@congress/contracts';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { UnitsService } from './units.service.js';

/** NATS handlers: thin, the rules live in the service. */
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

  @HandleRequest(UnitPeople)
  async people(input: ParsedRequestOf<typeof UnitPeople>) {
    return this.units.people(input.code, input);
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
