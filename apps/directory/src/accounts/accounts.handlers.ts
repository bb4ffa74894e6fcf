import { AccountIssuePassword, AccountLink, AccountList, AccountRetry, AccountUnlink } from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { AccountsService } from './accounts.service.js';

/** The office's account requests over NATS: each is one call on the service. */
export const AccountsHandlers = requestHandlers(AccountsService, (on) => [
  on(AccountList, (accounts, input, { actor }) => accounts.list(actor, input.code, input)),
  on(AccountLink, (accounts, input, { actor }) => accounts.link(actor, input)),
  on(AccountUnlink, (accounts, input, { actor }) => accounts.unlink(actor, input)),
  on(AccountRetry, (accounts, input, { actor }) => accounts.retry(actor, input)),
  on(AccountIssuePassword, (accounts, input, { actor }) => accounts.issuePassword(actor, input)),
]);
