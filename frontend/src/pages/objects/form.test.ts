import { describe, expect, it } from 'vitest';
import { toCreateObjectInput, toUpdateObjectInput, type ObjectRecord } from './form';

const original: ObjectRecord = {
  id: 'SW5zcGVjdGlvbk9iamVjdDox',
  uid: '91410171MA00AJEK6T',
  kind: 'ENTERPRISE',
  name: '河南天润汽车零部件股份有限公司',
  legalRepresentative: '宋刚兰',
  address: '经开第三大街244号',
  regionCode: '410171',
  industryCode: 'C3670',
  registrationStatus: '存续',
  riskClass: 'A',
  riskChangedAt: '2026-11-25T03:06:55Z',
  riskSource: '导入',
  tags: [{ id: 't1', code: 'KEY-PRODUCT', name: '重点工业产品' }],
  supervisingDepartments: [{ id: 'd1', code: 'SCJG', name: '市场监管局', shortName: '市场监管' }],
  contactName: '宋刚兰',
  contactPhone: '15806457385',
  active: true,
  version: 1,
  createdAt: '2026-11-25T03:06:55Z',
  updatedAt: '2026-11-25T03:06:55Z',
};

const unchanged = {
  kind: original.kind,
  name: original.name,
  legalRepresentative: original.legalRepresentative,
  address: original.address,
  regionCode: original.regionCode,
  industryCode: original.industryCode,
  registrationStatus: original.registrationStatus,
  riskClass: original.riskClass,
  riskSource: '',
  tagIds: ['t1'],
  supervisingDepartmentIds: ['d1'],
  contactName: original.contactName ?? '',
  contactPhone: original.contactPhone ?? '',
  active: true,
};

describe('toUpdateObjectInput', () => {
  it('is null when nothing changed', () => {
    expect(toUpdateObjectInput(original, unchanged)).toBeNull();
    expect(toUpdateObjectInput(original, { ...unchanged, name: ` ${original.name} `, tagIds: ['t1'] })).toBeNull();
  });

  it('sends kind, name and only what changed', () => {
    expect(toUpdateObjectInput(original, { ...unchanged, address: '经南五路66号', tagIds: ['t1', 't2'], active: false })).toEqual({
      kind: 'ENTERPRISE',
      name: original.name,
      address: '经南五路66号',
      tagIds: ['t1', 't2'],
      active: false,
    });
  });

  it('sends a new risk class with its source', () => {
    expect(toUpdateObjectInput(original, { ...unchanged, riskClass: 'D', riskSource: ' 信用监管平台 ' })).toEqual({
      kind: 'ENTERPRISE',
      name: original.name,
      riskClass: 'D',
      riskSource: '信用监管平台',
    });
  });

  it('clears a text field with an empty string', () => {
    expect(toUpdateObjectInput(original, { ...unchanged, contactPhone: '' })).toMatchObject({ contactPhone: '' });
  });
});

describe('toCreateObjectInput', () => {
  it('sends the uid in upper case and leaves blanks out', () => {
    expect(
      toCreateObjectInput({
        uid: ' 91410171ma00ajek6t ',
        kind: 'ENTERPRISE',
        name: ' 甲公司 ',
        address: ' ',
        industryCode: 'c3670',
        riskClass: 'B',
        active: true,
      }),
    ).toEqual({ uid: '91410171MA00AJEK6T', kind: 'ENTERPRISE', name: '甲公司', industryCode: 'C3670', riskClass: 'B', active: true });
  });
});
