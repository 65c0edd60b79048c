import { describe, expect, it } from 'vitest';
import { menuForRole, menuSectionsForRole, rolesFor, selectedKey } from './menu';

describe('menuForRole', () => {
  it('gives ADMIN every screen', () => {
    expect(menuForRole('ADMIN').map((m) => m.key)).toEqual([
      'home',
      'departments',
      'plans',
      'items',
      'objects',
      'inspectors',
      'import',
      'users',
      'audit',
      'graphiql',
    ]);
  });
  it('gives DEPT_ADMIN the item lists, both libraries and the import, but no system screens', () => {
    expect(menuForRole('DEPT_ADMIN').map((m) => m.key)).toEqual(['home', 'departments', 'plans', 'items', 'objects', 'inspectors', 'import']);
  });
  it('gives INSPECTOR the item lists only', () => {
    expect(menuForRole('INSPECTOR').map((m) => m.key)).toEqual(['home', 'departments', 'plans', 'items']);
  });
  it('gives ANALYST the libraries and the query console, but no import, users or audit log', () => {
    expect(menuForRole('ANALYST').map((m) => m.key)).toEqual(['home', 'departments', 'plans', 'items', 'objects', 'inspectors', 'graphiql']);
  });
});

describe('menuSectionsForRole', () => {
  it('groups the libraries and the system screens', () => {
    expect(menuSectionsForRole('ADMIN').map((s) => [s.group ?? null, s.entries.map((e) => e.key)])).toEqual([
      [null, ['home', 'departments']],
      ['plans', ['plans']],
      ['libraries', ['items', 'objects', 'inspectors', 'import']],
      ['system', ['users', 'audit', 'graphiql']],
    ]);
  });
  it('leaves out groups a role has nothing in', () => {
    expect(menuSectionsForRole('INSPECTOR').map((s) => s.group ?? null)).toEqual([null, 'plans', 'libraries']);
  });
});

describe('rolesFor and selectedKey', () => {
  it('keeps users and audit to ADMIN', () => {
    expect(rolesFor('users')).toEqual(['ADMIN']);
    expect(rolesFor('audit')).toEqual(['ADMIN']);
  });
  it('keeps the libraries from inspectors and the import from analysts', () => {
    expect(rolesFor('objects')).toEqual(['ADMIN', 'DEPT_ADMIN', 'ANALYST']);
    expect(rolesFor('inspectors')).toEqual(['ADMIN', 'DEPT_ADMIN', 'ANALYST']);
    expect(rolesFor('import')).toEqual(['ADMIN', 'DEPT_ADMIN']);
    expect(rolesFor('items')).toEqual(['ADMIN', 'DEPT_ADMIN', 'INSPECTOR', 'ANALYST']);
  });
  it('maps paths to menu keys', () => {
    expect(selectedKey('/')).toBe('home');
    expect(selectedKey('/departments')).toBe('departments');
    expect(selectedKey('/users/abc')).toBe('users');
    expect(selectedKey('/objects')).toBe('objects');
    expect(selectedKey('/import')).toBe('import');
    expect(selectedKey('/plans/abc/draw')).toBe('plans');
    expect(selectedKey('/nowhere')).toBeUndefined();
  });
});
