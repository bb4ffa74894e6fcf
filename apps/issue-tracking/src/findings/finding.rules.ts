import { OFFICE_ROLES, type Machine, type Subject } from '@congress/contracts';

/** A finding has no life of its own: it is recorded, and may become a problem of an opinion. */
export type FindingState = 'recorded';
export type FindingAction = 'record';
export type FindingSubject = Subject<FindingState>;

/** Findings are the unit office's to record (one by one or imported), never a body liaison's. */
export const FINDING_MACHINE: Machine<FindingAction, FindingState> = {
  noun: '调研发现',
  otherUnit: '只能处理本单位的审议意见和问题清单',
  actionNames: { record: '记录调研发现' },
  stateNames: { recorded: '已记录' },
  rows: [{ action: 'record', from: ['recorded'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null }],
};

/** A finding about to be recorded for a project of `unitCode`. */
export const newFinding = (unitCode: string): FindingSubject => ({ state: 'recorded', unitCode });

