import type { SessionUser } from '../../auth/session';

/** Who may create items: ADMIN, and a DEPT_ADMIN for its own department. */
export function canCreateItems(user: SessionUser | null): boolean {
  return user?.role === 'ADMIN' || (user?.role === 'DEPT_ADMIN' && !!user.department);
}

/** Who may edit an item: ADMIN any, a DEPT_ADMIN its own department's. The API enforces it. */
export function canEditItem(user: SessionUser | null, departmentId: string): boolean {
  if (user?.role === 'ADMIN') return true;
  return user?.role === 'DEPT_ADMIN' && user.department?.id === departmentId;
}
