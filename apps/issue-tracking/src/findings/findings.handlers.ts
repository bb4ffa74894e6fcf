import { FindingCreate, FindingImport, FindingList } from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { FindingsService } from './findings.service.js';

/** Audit findings over NATS: each request is one call on the service. */
export const FindingsHandlers = requestHandlers(FindingsService, (on) => [
  on(FindingCreate, async (findings, { projectId, unitCode, year, ...finding }, { actor }) => {
    const [created] = await findings.add(actor, { projectId, unitCode, year }, [finding]);
    return created;
  }),
  on(FindingImport, async (findings, { findings: items, ...ref }, { actor }) => {
    const created = await findings.add(actor, ref, items);
    return { imported: created.length, ids: created.map((f) => f.id) };
  }),
  on(FindingList, async (findings, { projectId }) => ({ items: await findings.list(projectId) })),
]);
