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
} from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { ProblemsService } from './problems.service.js';

/** The ledger and the life of each problem, over NATS: each request is one call on the service. */
export const ProblemsHandlers = requestHandlers(ProblemsService, (on) => [
  on(ProblemGet, (problems, { id }, { actor }) => problems.get(actor, id)),
  on(ProblemList, (problems, query, { actor }) => problems.list(actor, query)),
  on(ProblemCountsGet, (problems, query, { actor }) => problems.counts(actor, query)),
  on(ProblemUpdate, (problems, { id, expectedVersion, ...changes }, { actor }) => problems.update(actor, id, expectedVersion, changes)),
  on(ProgressReport, (problems, { id, ...report }, { actor }) => problems.reportProgress(actor, id, report)),
  on(ProgressList, async (problems, { id }, { actor }) => ({ items: await problems.progress(actor, id) })),
  on(CloseRequest, (problems, { id, ...request }, { actor }) => problems.requestClose(actor, id, request)),
  on(ProblemVerify, (problems, { id, ...verification }, { actor }) => problems.verify(actor, id, verification)),
  on(ExtensionRequest, (problems, { id, ...request }, { actor }) => problems.requestExtension(actor, id, request)),
  on(ExtensionDecide, (problems, { id, extensionId, ...decision }, { actor }) => problems.decideExtension(actor, id, extensionId, decision)),
  on(ExtensionList, async (problems, { id }, { actor }) => ({ items: await problems.extensions(actor, id) })),
  on(LookBackRecord, (problems, { id, ...lookBack }, { actor }) => problems.lookBack(actor, id, lookBack)),
  on(LookBackList, async (problems, { id }, { actor }) => ({ items: await problems.lookBacks(actor, id) })),
  on(ProblemHistory, async (problems, { id }, { actor }) => ({ items: await problems.history(actor, id) })),
]);
