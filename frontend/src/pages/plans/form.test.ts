import { describe, expect, it } from 'vitest';
import { emptyPlanValues, fromPlan, toPlanInput } from './form';

describe('plan form values', () => {
  it('turns percents into basis points and leaves out empty strata', () => {
    const v = emptyPlanValues(2026);
    v.name = ' 专项 ';
    v.windowStart = '2026-12-01';
    v.windowEnd = '2026-12-31';
    v.departments = [{ departmentId: 'D1', itemIds: ['I1'] }, {}];
    v.strata.C = { mode: 'none' };
    v.regionCodes = [' 4101 ', ''];
    const input = toPlanInput(v);
    expect(input.name).toBe('专项');
    expect(input.departments).toEqual([{ departmentId: 'D1', perTeam: null, itemIds: ['I1'] }]);
    expect(input.strata).toEqual([
      { label: 'A', ratioBp: 100 },
      { label: 'B', ratioBp: 200 },
      { label: 'D', count: 10 },
    ]);
    expect(input.scope.regionCodes).toEqual(['4101']);
    expect(input.includeDrawnReason).toBe('');
  });
  it('reads a plan back', () => {
    const v = fromPlan({
      kind: 'ANNUAL',
      name: 'n',
      year: 2026,
      initiator: { id: 'D1' },
      windowStart: '2026-01-01',
      windowEnd: '2026-02-01',
      notes: '',
      departments: [{ department: { id: 'D1' }, perTeam: 2, items: [{ id: 'I1' }] }],
      scope: { kinds: ['ENTERPRISE'], tags: [], regionCodes: [], industryCodes: [], supervisingDepartments: [], activeOnly: true },
      strata: [{ label: 'A', ratioBp: 150 }, { label: 'D', count: 5 }],
      cap: null,
      avoidRecentMonths: 6,
      avoidOwnRegion: true,
      includeDrawnThisYear: false,
      includeDrawnReason: '',
      publishPopulation: false,
    });
    expect(v.strata.A).toEqual({ mode: 'ratio', value: 1.5 });
    expect(v.strata.B).toEqual({ mode: 'none', value: null });
    expect(v.strata.D).toEqual({ mode: 'count', value: 5 });
    expect(toPlanInput(v).strata).toEqual([{ label: 'A', ratioBp: 150 }, { label: 'D', count: 5 }]);
  });
});
