import type { PlanStatus } from '../../gql/graphql';

/** The states in which the public sees a plan (a plan cancelled after publication stays public). */
export const PUBLIC_PLAN_STATUSES: readonly PlanStatus[] = ['PUBLISHED', 'FROZEN', 'DRAWN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'];

/** A plan's public page, by its public uid (PLAN-2026-0001). */
export function openPlanPath(uid: string): string {
  return `/open/plans/${encodeURIComponent(uid)}`;
}
