import { describe, expect, it } from 'vitest';
import { toItemFilter } from './filter';

describe('toItemFilter', () => {
  it('sends nothing for an empty bar', () => {
    expect(toItemFilter({})).toEqual({});
    expect(toItemFilter({ departmentId: null, statuses: [], search: '  ' })).toEqual({});
  });
  it('maps every filter to its API field', () => {
    expect(
      toItemFilter({
        departmentId: 'RGVwYXJ0bWVudDox',
        category: 'GENERAL',
        method: 'ONSITE',
        objectKind: 'ENTERPRISE',
        statuses: ['ACTIVE', 'RETIRED'],
        search: ' 食品 ',
      }),
    ).toEqual({
      departmentId: 'RGVwYXJ0bWVudDox',
      category: 'GENERAL',
      method: 'ONSITE',
      objectKind: 'ENTERPRISE',
      statuses: ['ACTIVE', 'RETIRED'],
      search: '食品',
    });
  });
});
