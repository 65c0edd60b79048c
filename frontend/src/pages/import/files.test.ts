import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, checkImportFile, templateUrl } from './files';

describe('import files', () => {
  it('takes CSV and XLSX up to 100 MB', () => {
    expect(checkImportFile({ name: 'objects.csv', size: 10 })).toBeNull();
    expect(checkImportFile({ name: '对象.XLSX', size: MAX_IMPORT_BYTES })).toBeNull();
    expect(checkImportFile({ name: 'objects.xls', size: 10 })).toBe('type');
    expect(checkImportFile({ name: 'objects.csv', size: MAX_IMPORT_BYTES + 1 })).toBe('tooLarge');
    expect(checkImportFile({ name: 'objects.csv', size: 0 })).toBe('empty');
  });
  it('links the templates', () => {
    expect(templateUrl('OBJECTS', 'xlsx')).toBe('/import/template/objects.xlsx');
    expect(templateUrl('INSPECTORS', 'csv')).toBe('/import/template/inspectors.csv');
    expect(templateUrl('ITEMS', 'csv')).toBe('/import/template/items.csv');
  });
});
