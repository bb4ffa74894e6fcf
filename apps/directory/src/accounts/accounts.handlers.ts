import { AccountIssuePassword, AccountLink, AccountList, AccountRetry, AccountUnlink, BodyLiaisonChanged, UnitRosterChanged, type EventEnvelope, type PayloadOf } from '@congress/contracts';
import { RejectedEvent } from '@congress/messaging';
import { HandleEvent, requestHandlers } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountsService } from './accounts.service.js';

/** The office's account requests over NATS: each is one call on the service. */
export const AccountsHandlers = requestHandlers(AccountsService, (on) => [
  on(AccountList, (accounts, input) => accounts.list(input.code, input)),
  on(AccountLink, (accounts, input, { actor }) => accounts.link(actor, input)),
  on(AccountUnlink, (accounts, input, { actor }) => accounts.unlink(actor, input)),
  on(AccountRetry, (accounts, input, { actor }) => accounts.retry(actor, input)),
  on(AccountIssuePassword, (accounts, input, { actor }) => accounts.issuePassword(actor, input)),
]);

/**
 * Accounts follow the directory's own events: a person joining or leaving a roster, or named or
 * removed as a liaison, has their account marked due, in the inbox's transaction.
 */
@Injectable()
export class AccountEventHandlers {
  constructor(@Inject(AccountsService) private readonly accounts: AccountsService) {}

  @HandleEvent(UnitRosterChanged)
  async onRosterChanged(payload: PayloadOf<typeof UnitRosterChanged>, envelope: EventEnvelope<PayloadOf<typeof UnitRosterChanged>>, m: EntityManager): Promise<void> {
    if (envelope.unitCode !== payload.unitCode) throw new RejectedEvent(`名单事件属于单位 ${envelope.unitCode ?? '（无）'}，却说的是单位 ${payload.unitCode}`);
    if (payload.change.personId) return this.accounts.follow(m, payload.change.personId, payload.unitCode);
    for (const member of payload.members) await this.accounts.follow(m, member.personId, payload.unitCode, { provisionNew: false });
  }

  @HandleEvent(BodyLiaisonChanged)
  async onLiaisonChanged(payload: PayloadOf<typeof BodyLiaisonChanged>, envelope: EventEnvelope<PayloadOf<typeof BodyLiaisonChanged>>, m: EntityManager): Promise<void> {
    if (envelope.unitCode !== payload.unitCode) throw new RejectedEvent(`联络员事件属于单位 ${envelope.unitCode ?? '（无）'}，却说的是单位 ${payload.unitCode}`);
    await this.accounts.follow(m, payload.personId, payload.unitCode);
  }
}
