import type { Role } from '../../gql/graphql';

export type MenuKey = 'home' | 'departments' | 'plans' | 'items' | 'objects' | 'inspectors' | 'import' | 'users' | 'audit' | 'graphiql';

/** Groups of the side menu: 名录库 (the item lists and the two libraries) and 系统管理. */
export type MenuGroup = 'plans' | 'libraries' | 'system';

export interface MenuEntry {
  key: MenuKey;
  path: string;
  /** i18n key of the label */
  label: string;
  /** Roles that see the entry; the API decides what they may do. */
  roles: readonly Role[];
  group?: MenuGroup;
}

const ALL: readonly Role[] = ['ADMIN', 'DEPT_ADMIN', 'INSPECTOR', 'ANALYST'];
const LIBRARY_READERS: readonly Role[] = ['ADMIN', 'DEPT_ADMIN', 'ANALYST'];

export const MENU: readonly MenuEntry[] = [
  { key: 'home', path: '/', label: 'nav.home', roles: ALL },
  { key: 'departments', path: '/departments', label: 'nav.departments', roles: ALL },
  { key: 'plans', path: '/plans', label: 'nav.plans', roles: ALL, group: 'plans' },
  { key: 'items', path: '/items', label: 'nav.items', roles: ALL, group: 'libraries' },
  { key: 'objects', path: '/objects', label: 'nav.objects', roles: LIBRARY_READERS, group: 'libraries' },
  { key: 'inspectors', path: '/inspectors', label: 'nav.inspectors', roles: LIBRARY_READERS, group: 'libraries' },
  { key: 'import', path: '/import', label: 'nav.import', roles: ['ADMIN', 'DEPT_ADMIN'], group: 'libraries' },
  { key: 'users', path: '/users', label: 'nav.users', roles: ['ADMIN'], group: 'system' },
  { key: 'audit', path: '/audit', label: 'nav.audit', roles: ['ADMIN'], group: 'system' },
  { key: 'graphiql', path: '/graphiql', label: 'nav.graphiql', roles: ['ADMIN', 'ANALYST'], group: 'system' },
];

/** The side menu of a role, in order. */
export function menuForRole(role: Role): MenuEntry[] {
  return MENU.filter((m) => m.roles.includes(role));
}

export interface MenuSection {
  /** undefined: entries shown without a group heading */
  group?: MenuGroup;
  entries: MenuEntry[];
}

/** The side menu of a role as sections: ungrouped entries, then each group that has any. */
export function menuSectionsForRole(role: Role): MenuSection[] {
  const sections: MenuSection[] = [];
  for (const m of menuForRole(role)) {
    const last = sections[sections.length - 1];
    if (last && last.group === m.group) last.entries.push(m);
    else sections.push({ group: m.group, entries: [m] });
  }
  return sections;
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
