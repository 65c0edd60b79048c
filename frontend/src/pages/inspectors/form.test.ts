import { describe, expect, it } from 'vitest';
import { canManageInspector, toInspectorInput } from './form';

describe('toInspectorInput', () => {
  it('sends the whole state, with blanks as empty strings and dates as null', () => {
    expect(
      toInspectorInput(
        {
          uid: ' scjg-101 ',
          name: ' 王敏 ',
          departmentId: 'd1',
          kind: 'LAW_ENFORCEMENT',
          certificateExpiresOn: '2027-06-30',
          status: 'ACTIVE',
        },
        true,
      ),
    ).toEqual({
      uid: 'SCJG-101',
      name: '王敏',
      departmentId: 'd1',
      kind: 'LAW_ENFORCEMENT',
      organisation: '',
      certificateNumber: '',
      certificateExpiresOn: '2027-06-30',
      qualificationIds: [],
      expertiseIds: [],
      regionCode: '',
      phone: '',
      status: 'ACTIVE',
      statusSince: null,
    });
  });
  it('leaves the uid out of an edit', () => {
    expect(toInspectorInput({ uid: 'X1', name: 'a', departmentId: 'd', kind: 'STAFF', status: 'ON_LEAVE' }, false)).not.toHaveProperty(
      'uid',
    );
  });
});

describe('canManageInspector', () => {
  it('lets ADMIN manage anyone and a DEPT_ADMIN its own department only', () => {
    expect(canManageInspector('ADMIN', undefined, 'd1')).toBe(true);
    expect(canManageInspector('DEPT_ADMIN', 'd1', 'd1')).toBe(true);
    expect(canManageInspector('DEPT_ADMIN', 'd1', 'd2')).toBe(false);
    expect(canManageInspector('ANALYST', 'd1', 'd1')).toBe(false);
  });
});
