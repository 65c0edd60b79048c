import { describe, expect, it } from 'vitest';
import { toInspectorFilter } from './filter';

describe('toInspectorFilter', () => {
  it('sends nothing for an empty bar', () => {
    expect(toInspectorFilter({})).toEqual({});
    expect(toInspectorFilter({ departmentId: null, kinds: [], statuses: [], qualificationIds: [], search: ' ' })).toEqual({});
  });
  it('maps every filter to its API field', () => {
    expect(
      toInspectorFilter({
        departmentId: 'RGVwOjE',
        kinds: ['LAW_ENFORCEMENT', 'EXPERT'],
        statuses: ['ACTIVE'],
        qualificationIds: ['VGFnOjE'],
        search: ' 贾 ',
      }),
    ).toEqual({
      departmentId: 'RGVwOjE',
      kinds: ['LAW_ENFORCEMENT', 'EXPERT'],
      statuses: ['ACTIVE'],
      qualificationIds: ['VGFnOjE'],
      search: '贾',
    });
  });
});
