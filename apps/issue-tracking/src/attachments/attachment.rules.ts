import { OFFICE_ROLES, isLiaisonOnly, liaisonSees, type Actor, type Attachment, type Machine, type Subject } from '@congress/contracts';

/** What an attachment hangs on, as attachments' rules see it: open (files may be added) or closed. */
export type OwnerState = 'open' | 'closed';
export type AttachmentAction = 'attach';
export type AttachmentOwner = Subject<OwnerState>;

/**
 * Who may attach a file to a problem: its unit's office, or the liaison of its lead or a
 * co-responsible body; never once the problem is closed (销号).
 */
export const PROBLEM_ATTACHMENT_MACHINE: Machine<AttachmentAction, OwnerState> = {
  noun: '问题',
  otherUnit: '只能为本单位的问题上传附件',
  actionNames: { attach: '上传附件' },
  stateNames: { open: '未销号', closed: '已销号' },
  rows: [{ action: 'attach', from: ['open'], roles: OFFICE_ROLES, liaison: 'any-body', scope: 'own-unit', to: 'same', event: null }],
};

/** Who may attach a file to a research finding: its unit's office only. */
export const FINDING_ATTACHMENT_MACHINE: Machine<AttachmentAction, OwnerState> = {
  noun: '调研发现',
  otherUnit: '只能处理本单位的审议意见和问题清单',
  actionNames: { attach: '上传附件' },
  stateNames: { open: '已记录', closed: '已记录' },
  rows: [{ action: 'attach', from: ['open'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null }],
};

export const ATTACHMENT_MACHINES: Record<Attachment['ownerType'], Machine<AttachmentAction, OwnerState>> = {
  problem: PROBLEM_ATTACHMENT_MACHINE,
  finding: FINDING_ATTACHMENT_MACHINE,
};

/**
 * Whether a caller may see an owner's files: a liaison only those of its own body's problems
 * (never a finding's); unit reads across the tree are the gateway's to decide (it checks the
 * returned unit).
 */
export function mayRead(actor: Actor, owner: AttachmentOwner): boolean {
  return !isLiaisonOnly(actor) || liaisonSees(actor, owner.bodies);
}
