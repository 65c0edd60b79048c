import type { Role } from '../../gql/graphql';

/** Every role, in the order the UI shows them. */
export const ROLES: readonly Role[] = ['ADMIN', 'DEPT_ADMIN', 'INSPECTOR', 'ANALYST'];

export const ROLE_COLORS: Record<Role, string> = {
  ADMIN: 'red',
  DEPT_ADMIN: 'blue',
  INSPECTOR: 'green',
  ANALYST: 'purple',
};
