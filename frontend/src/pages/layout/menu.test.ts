import { describe, expect, it } from 'vitest';
import { menuForRole, rolesFor, selectedKey } from './menu';

describe('menuForRole', () => {
  it('gives ADMIN every screen', () => {
    expect(menuForRole('ADMIN').map((m) => m.key)).toEqual(['home', 'departments', 'users', 'audit', 'graphiql']);
  });
  it('gives DEPT_ADMIN and INSPECTOR home and departments', () => {
    expect(menuForRole('DEPT_ADMIN').map((m) => m.key)).toEqual(['home', 'departments']);
    expect(menuForRole('INSPECTOR').map((m) => m.key)).toEqual(['home', 'departments']);
  });
  it('gives ANALYST the query console too, but not users or the audit log', () => {
    expect(menuForRole('ANALYST').map((m) => m.key)).toEqual(['home', 'departments', 'graphiql']);
  });
});

describe('rolesFor and selectedKey', () => {
  it('keeps users and audit to ADMIN', () => {
    expect(rolesFor('users')).toEqual(['ADMIN']);
    expect(rolesFor('audit')).toEqual(['ADMIN']);
  });
  it('maps paths to menu keys', () => {
    expect(selectedKey('/')).toBe('home');
    expect(selectedKey('/departments')).toBe('departments');
    expect(selectedKey('/users/abc')).toBe('users');
    expect(selectedKey('/nowhere')).toBeUndefined();
  });
});
