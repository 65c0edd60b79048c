import { describe, expect, it } from 'vitest';
import { planActions } from './permissions';

describe('planActions', () => {
  const admin = { role: 'ADMIN' as const };
  const own = { role: 'DEPT_ADMIN' as const, department: { id: 'D1' } };
  const other = { role: 'DEPT_ADMIN' as const, department: { id: 'D2' } };
  it('offers each step to whom may take it', () => {
    expect(planActions('DRAFT', own, 'D1')).toEqual(['edit', 'submit', 'cancel']);
    expect(planActions('DRAFT', other, 'D1')).toEqual([]);
    expect(planActions('SUBMITTED', own, 'D1')).toEqual(['cancel']);
    expect(planActions('SUBMITTED', admin, 'D1')).toEqual(['review', 'cancel']);
    expect(planActions('APPROVED', admin, 'D1')).toEqual(['publish', 'cancel']);
    expect(planActions('PUBLISHED', own, 'D1')).toEqual(['freeze', 'cancel']);
    expect(planActions('FROZEN', admin, 'D1')).toEqual(['draw', 'cancel']);
    expect(planActions('DRAWN', admin, 'D1')).toEqual([]);
    expect(planActions('DRAFT', { role: 'ANALYST' }, 'D1')).toEqual([]);
    expect(planActions('DRAFT', null, 'D1')).toEqual([]);
  });
});
