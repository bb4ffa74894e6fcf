import { ProblemError, actorName, assertAllowed, type Actor, type Finding, type FindingInput } from '@congress/contracts';
import { recordAudit } from '@congress/persistence';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.module.js';
import { FINDING_MACHINE, newFinding } from './finding.rules.js';
import { FindingRepository } from './finding.repository.js';

export interface ProjectRef {
  projectId: string;
  unitCode: string;
  year: number;
}

/** Research findings (调研发现): recorded one by one or imported, later listed as an opinion's problems. */
@Injectable()
export class FindingsService implements OnModuleInit {
  constructor(
    @Inject(FindingRepository) private readonly findings: FindingRepository,
    @Inject(AttachmentsService) private readonly attachments: AttachmentsService,
  ) {}

  onModuleInit(): void {
    this.attachments.registerOwner('finding', async (_actor, id) => {
      const unitCode = await this.findings.unitOf(id);
      if (!unitCode) throw ProblemError.notFound(`调研发现 ${id} 不存在`);
      return { state: 'open', unitCode };
    });
  }

  async add(actor: Actor, ref: ProjectRef, inputs: FindingInput[]): Promise<Finding[]> {
    assertAllowed(FINDING_MACHINE, 'record', actor, newFinding(ref.unitCode));
    return this.findings.transaction(async (m) => {
      const findings = await this.findings.insert(m, ref, inputs, actorName(actor));
      await recordAudit(m, { actor, unitCode: ref.unitCode, action: 'finding.create', entityType: 'project', entityId: ref.projectId, after: { count: findings.length } });
      return findings;
    });
  }

  list(projectId: string): Promise<Finding[]> {
    return this.findings.ofProject(projectId);
  }

  /** The findings named, as an opinion turns them into problems (in its transaction). */
  byIds(m: EntityManager, ids: string[]): Promise<Finding[]> {
    return this.findings.byIds(m, ids);
  }
}
