import { describe, expect, it } from 'vitest';
import { advancedFilterCount, searchTooShort, toObjectFilter } from './filter';

describe('toObjectFilter', () => {
  it('sends nothing for an empty bar', () => {
    expect(toObjectFilter({})).toEqual({});
    expect(
      toObjectFilter({ kinds: [], riskClasses: [], tagIds: [], regionCode: ' ', active: 'all', supervisingDepartmentId: null }),
    ).toEqual({});
  });

  it('maps kinds, risk classes, department and the active switch', () => {
    expect(
      toObjectFilter({ kinds: ['ENTERPRISE'], riskClasses: ['C', 'D'], supervisingDepartmentId: 'RGVwOjE', active: 'inactive' }),
    ).toEqual({ kinds: ['ENTERPRISE'], riskClasses: ['C', 'D'], supervisingDepartmentId: 'RGVwOjE', active: false });
    expect(toObjectFilter({ active: 'active' })).toEqual({ active: true });
  });

  it('sends tags as any-of or all-of', () => {
    expect(toObjectFilter({ tagIds: ['t1', 't2'] })).toEqual({ tagsAny: ['t1', 't2'] });
    expect(toObjectFilter({ tagIds: ['t1', 't2'], tagMode: 'any' })).toEqual({ tagsAny: ['t1', 't2'] });
    expect(toObjectFilter({ tagIds: ['t1', 't2'], tagMode: 'all' })).toEqual({ tagsAll: ['t1', 't2'] });
  });

  it('sends region and industry codes as prefixes', () => {
    expect(toObjectFilter({ regionCode: ' 4101 ', industryCode: 'c13' })).toEqual({ regionCode: '4101', industryCode: 'C13' });
  });

  it('sends a name fragment of two characters or more, and the start of a credit code in upper case', () => {
    expect(toObjectFilter({ search: ' 锦程 ' })).toEqual({ search: '锦程' });
    expect(toObjectFilter({ search: '锦' })).toEqual({});
    expect(toObjectFilter({ search: '91410171ma' })).toEqual({ search: '91410171MA' });
    expect(searchTooShort('锦')).toBe(true);
    expect(searchTooShort('锦程')).toBe(false);
    expect(searchTooShort('')).toBe(false);
  });

  it('counts the filters behind 更多筛选', () => {
    expect(advancedFilterCount({})).toBe(0);
    expect(advancedFilterCount({ tagIds: ['t'], regionCode: '4101', active: 'all' })).toBe(2);
    expect(advancedFilterCount({ industryCode: 'C', active: 'inactive' })).toBe(2);
  });
});
