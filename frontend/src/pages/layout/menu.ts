import type { Role } from '../../gql/graphql';

export type MenuKey = 'home' | 'departments' | 'users' | 'audit' | 'graphiql';

export interface MenuEntry {
  key: MenuKey;
  path: string;
  /** i18n key of the label */
  label: string;
  /** Roles that see the entry; the API decides what they may do. */
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['ADMIN', 'DEPT_ADMIN', 'INSPECTOR', 'ANALYST'];

export const MENU: readonly MenuEntry[] = [
  { key: 'home', path: '/', label: 'nav.home', roles: ALL },
  { key: 'departments', path: '/departments', label: 'nav.departments', roles: ALL },
  { key: 'users', path: '/users', label: 'nav.users', roles: ['ADMIN'] },
  { key: 'audit', path: '/audit', label: 'nav.audit', roles: ['ADMIN'] },
  { key: 'graphiql', path: '/graphiql', label: 'nav.graphiql', roles: ['ADMIN', 'ANALYST'] },
];

/** The side menu of a role, in order. */
export function menuForRole(role: Role): MenuEntry[] {
  return MENU.filter((m) => m.roles.includes(role));
}

/** Roles that may open a route, for the route guards. */
export function rolesFor(key: MenuKey): readonly Role[] {
  return MENU.find((m) => m.key === key)?.roles ?? ALL;
}

/** The menu entry a location belongs to. */
export function selectedKey(pathname: string): MenuKey | undefined {
  let best: MenuEntry | undefined;
  for (const m of MENU) {
    const hit = m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`);
    if (hit && (!best || m.path.length > best.path.length)) best = m;
  }
  return best?.key;
}
