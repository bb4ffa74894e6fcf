import { ProjectCreate, ProjectGet, ProjectImport, ProjectList, ProjectTransition, ProjectUpdate } from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { ProjectsService } from './projects.service.js';

/** The project library over NATS: each request is one call on the service. */
export const ProjectsHandlers = requestHandlers(ProjectsService, (on) => [
  on(ProjectCreate, (projects, { unitCode, ...fields }, { actor }) => projects.create(actor, unitCode, fields)),
  on(ProjectImport, (projects, { unitCode, projects: items }, { actor }) => projects.importMany(actor, unitCode, items)),
  on(ProjectGet, (projects, { id }, { actor }) => projects.get(actor, id)),
  on(ProjectList, (projects, query, { actor }) => projects.list(actor, query)),
  on(ProjectUpdate, (projects, { id, expectedVersion, ...changes }, { actor }) => projects.update(actor, id, expectedVersion, changes)),
  on(ProjectTransition, (projects, { id, ...move }, { actor }) => projects.transition(actor, id, move)),
]);
