import { OpinionGet, ProblemError, ProjectGet, type Actor } from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { BodyDirectory } from '../issues/body-directory.js';

/**
 * The ids a new evaluation names must be of the caller's unit: its project, the opinion (of that
 * project) whose handling is evaluated, and the responsible body. Otherwise an evaluation of one
 * unit could, once failed, reopen another unit's problems. "Not there" and "not yours" get the same
 * 404, so nothing of another unit is revealed.
 */
@Injectable()
export class EvaluationReferences {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(BodyDirectory) private readonly bodies: BodyDirectory,
  ) {}

  async assertOwn(actor: Actor, input: { projectId: string; opinionId: string | null; bodyId: string | null }, requestId: string): Promise<void> {
    const unit = actor.unitCode;
    const absent = (field: string, what: string, id: string) =>
      ProblemError.of('not-found', `${what} ${id} 不存在`, [{ field: `body.${field}`, rule: 'not_found', message: `本单位没有这个${what}` }]);
    const project = await this.found(this.rpc.request(ProjectGet, { id: input.projectId }, { actor, requestId }));
    if (!project || project.unitCode !== unit) throw absent('projectId', '监督项目', input.projectId);
    if (input.opinionId) {
      const opinion = await this.found(this.rpc.request(OpinionGet, { id: input.opinionId }, { actor, requestId }));
      if (!opinion || opinion.unitCode !== unit) throw absent('opinionId', '审议意见', input.opinionId);
      if (opinion.projectId !== project.id) {
        throw ProblemError.validation([{ field: 'body.opinionId', rule: 'not_of_project', message: '这份审议意见不属于所选的监督项目' }]);
      }
    }
    if (input.bodyId && (!unit || !(await this.bodies.isOfUnit(unit, input.bodyId, requestId)))) throw absent('bodyId', '承办单位', input.bodyId);
  }

  /** The thing, or null where its service says it does not exist (or may not be seen: the same to us). */
  private async found<T>(request: Promise<T>): Promise<T | null> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof ProblemError && (error.problem.status === 404 || error.problem.status === 403)) return null;
      throw error;
    }
  }
}
