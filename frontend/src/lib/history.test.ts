import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { setupI18n } from '../i18n';
import { diffRows, parseChanges, type HistoryContext } from './history';

setupI18n('zh');

const names = new Map([
  ['tag-1', '食品经营'],
  ['tag-2', '网络交易'],
  ['dept-1', '市场监管局'],
]);

function ctx(over: Partial<HistoryContext> = {}): HistoryContext {
  return { t: i18n.getFixedT('zh'), entity: 'object', names, hidePersonal: false, ...over };
}

describe('parseChanges', () => {
  it('lists every filled field of a creation, in a stable order', () => {
    const c = parseChanges(
      '{"after":{"active":true,"address":"","name":"甲公司","kind":"ENTERPRISE","tagIds":[],"uid":"91410171MA00AJEK6T","riskClass":"A"},"before":null}',
    );
    expect(c.created).toBe(true);
    expect(c.fields.map((f) => f.field)).toEqual(['uid', 'kind', 'name', 'riskClass', 'active']);
  });

  it('keeps only the fields that differ on an update', () => {
    const c = parseChanges(
      '{"before":{"name":"甲","riskClass":"A","tagIds":["tag-1"]},"after":{"name":"乙","riskClass":"A","tagIds":["tag-1"]}}',
    );
    expect(c.created).toBe(false);
    expect(c.fields).toEqual([{ field: 'name', before: '甲', after: '乙' }]);
  });

  it('falls back to the raw text when it is not the expected JSON', () => {
    expect(parseChanges('not json').raw).toBe('not json');
    expect(parseChanges('[1,2]').raw).toBe('[1,2]');
  });
});

describe('diffRows', () => {
  it('shows labels, enum names, tag and department names', () => {
    const rows = diffRows(
      parseChanges(
        '{"before":{"kind":"ENTERPRISE","riskClass":"A","tagIds":["tag-1"],"supervisingDepartmentIds":["dept-1"],"active":true},' +
          '"after":{"kind":"INDIVIDUAL_BUSINESS","riskClass":"D","tagIds":["tag-1","tag-2"],"supervisingDepartmentIds":[],"active":false}}',
      ),
      ctx(),
    );
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['对象类型', '企业', '个体工商户'],
      ['信用风险分类', 'A 低', 'D 高'],
      ['分类标注', '食品经营', '食品经营、网络交易'],
      ['监管部门', '市场监管局', ''],
      ['状态', '有效', '停用'],
    ]);
    expect(rows[2]).toMatchObject({ added: ['网络交易'], removed: [] });
    expect(rows[3]).toMatchObject({ added: [], removed: ['市场监管局'] });
  });

  it('hides personal data from roles that see it masked', () => {
    const changes = parseChanges('{"before":null,"after":{"name":"甲","contactName":"宋刚兰","contactPhone":"15806457385"}}');
    const shown = diffRows(changes, ctx());
    expect(shown.map((r) => r.after)).toEqual(['甲', '宋刚兰', '15806457385']);
    const hidden = diffRows(changes, ctx({ hidePersonal: true }));
    expect(hidden.map((r) => r.after)).toEqual(['甲', '个人信息，不予显示', '个人信息，不予显示']);
  });

  it('uses inspector labels for inspector records', () => {
    const rows = diffRows(
      parseChanges(
        '{"before":{"status":"ACTIVE","kind":"STAFF","departmentId":"dept-1"},"after":{"status":"ON_LEAVE","kind":"EXPERT","departmentId":"dept-x"}}',
      ),
      ctx({ entity: 'inspector' }),
    );
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['人员类别', '工作人员', '外部专家'],
      ['所属部门', '市场监管局', 'dept-x'],
      ['在岗状态', '在岗', '休假'],
    ]);
  });
});
