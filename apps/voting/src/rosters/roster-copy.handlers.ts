import { UnitRosterChanged, type EventEnvelope, type PayloadOf } from '@congress/contracts';
import { HandleEvent } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RosterCopyService } from './roster-copy.service.js';

type RosterChanged = PayloadOf<typeof UnitRosterChanged>;

@Injectable()
export class RosterCopyHandlers {
  constructor(@Inject(RosterCopyService) private readonly rosters: RosterCopyService) {}

  @HandleEvent(UnitRosterChanged)
  async onRosterChanged(payload: RosterChanged, envelope: EventEnvelope<RosterChanged>, m: EntityManager): Promise<void> {
    await this.rosters.apply(envelope, payload, m);
  }
}
