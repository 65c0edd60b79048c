import type { TFunction } from 'i18next';
import type { PlanStatus } from '../../gql/graphql';

export { PLAN_KINDS, PLAN_STATUSES } from '../../lib/enums';

export const PLAN_STATUS_COLORS: Record<PlanStatus, string> = {
  DRAFT: 'default',
  SUBMITTED: 'processing',
  RETURNED: 'warning',
  APPROVED: 'cyan',
  PUBLISHED: 'blue',
  FROZEN: 'purple',
  DRAWN: 'success',
  IN_PROGRESS: 'geekblue',
  COMPLETED: 'green',
  CANCELLED: 'error',
};

/** A stratum rule: "1%" for 100 basis points, or "10 个" for a count. */
export function ratioText(ratioBp: number | null | undefined, count: number | null | undefined, t: TFunction): string {
  if (ratioBp !== null && ratioBp !== undefined) return `${(ratioBp / 100).toLocaleString('en', { maximumFractionDigits: 2 })}%`;
  if (count !== null && count !== undefined) return t('plans.countRule', { count });
  return '—';
}
