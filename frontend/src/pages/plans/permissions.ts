import type { PlanStatus, Role } from '../../gql/graphql';

export type PlanAction = 'edit' | 'submit' | 'review' | 'publish' | 'freeze' | 'draw' | 'cancel';

interface Caller {
  role: Role;
  department?: { id: string } | null;
}

const NOT_CANCELLABLE: readonly PlanStatus[] = ['DRAWN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'];

/**
 * The buttons a caller sees on a plan, by its status and the caller's role
 * (the initiating department's DEPT_ADMIN, or ADMIN). The API decides.
 */
export function planActions(status: PlanStatus, caller: Caller | null | undefined, initiatorId: string): PlanAction[] {
  if (!caller) return [];
  const admin = caller.role === 'ADMIN';
  const owner = admin || (caller.role === 'DEPT_ADMIN' && caller.department?.id === initiatorId);
  const out: PlanAction[] = [];
  if ((status === 'DRAFT' || status === 'RETURNED') && owner) out.push('edit', 'submit');
  if (status === 'SUBMITTED' && admin) out.push('review');
  if (status === 'APPROVED' && owner) out.push('publish');
  if (status === 'PUBLISHED' && owner) out.push('freeze');
  if (status === 'FROZEN' && owner) out.push('draw');
  if (!NOT_CANCELLABLE.includes(status) && owner) out.push('cancel');
  return out;
}
