import { describe, expect, it } from 'vitest';
import { diffChanges, prettyJSON, truncate } from './changes';

describe('diffChanges', () => {
  it('lists created fields', () => {
    expect(diffChanges(null, '{"code":"E2E1","name":"测试"}')).toEqual([
      { field: 'code', before: undefined, after: 'E2E1' },
      { field: 'name', before: undefined, after: '测试' },
    ]);
  });
  it('keeps only changed fields of an update', () => {
    expect(diffChanges('{"name":"甲","sortOrder":1}', '{"name":"乙","sortOrder":1}')).toEqual([
      { field: 'name', before: '甲', after: '乙' },
    ]);
  });
  it('shows non-strings as JSON and tolerates non-JSON text', () => {
    expect(diffChanges('{"active":true}', '{"active":false}')).toEqual([{ field: 'active', before: 'true', after: 'false' }]);
    expect(diffChanges('oops', null)).toEqual([{ field: 'value', before: 'oops', after: undefined }]);
  });
});

describe('prettyJSON and truncate', () => {
  it('indents JSON', () => {
    expect(prettyJSON('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJSON(null)).toBe('');
  });
  it('truncates long values', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});

describe('summarize', () => {
  it('puts identifying fields first and drops ids and empty fields', async () => {
    const { summarize } = await import('./changes');
    const changes = diffChanges(null, '{"active":true,"code":"E2E1","description":"","id":"x","name":"测试局","sortOrder":900}');
    expect(summarize(changes).map((c) => c.field)).toEqual(['code', 'name', 'active', 'sortOrder']);
  });
});
