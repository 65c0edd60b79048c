import { useState } from 'react';
import { Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanFilter, PlanStatus } from '../../gql/graphql';
import { enumOptions } from '../../lib/enums';

interface Props {
  /** The states one may filter by. */
  statuses: readonly PlanStatus[];
  /** Called with the new filter whenever a control changes. */
  onChange: (f: PlanFilter) => void;
  /** Prefix of the controls' test ids: PREFIX-status, PREFIX-year, PREFIX-search. */
  testid: string;
}

/** Status, year and name search of a plan list (staff and public alike). */
export function PlanFilterBar({ statuses: options, onChange, testid }: Props) {
  const { t } = useTranslation();
  const [statuses, setStatuses] = useState<PlanStatus[]>([]);
  const [year, setYear] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const change = (next: { statuses?: PlanStatus[]; year?: number | null; search?: string }) => {
    const s = next.statuses ?? statuses;
    const y = next.year !== undefined ? next.year : year;
    const q = (next.search ?? search).trim();
    setStatuses(s);
    setYear(y);
    setSearch(q);
    onChange({ ...(s.length ? { statuses: s } : {}), ...(y ? { year: y } : {}), ...(q ? { search: q } : {}) });
  };
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select<PlanStatus[]>
        mode="multiple"
        allowClear
        placeholder={t('plans.status')}
        value={statuses}
        onChange={(v) => change({ statuses: v })}
        options={enumOptions(t, 'PlanStatus', options)}
        style={{ minWidth: 220 }}
        data-testid={`${testid}-status`}
      />
      <InputNumber<number>
        placeholder={t('plans.year')}
        value={year}
        min={2000}
        max={2100}
        onChange={(v) => change({ year: v })}
        style={{ width: 120 }}
        data-testid={`${testid}-year`}
      />
      <Input.Search
        allowClear
        placeholder={t('plans.searchPlaceholder')}
        onSearch={(v) => change({ search: v })}
        style={{ width: 240 }}
        data-testid={`${testid}-search`}
      />
    </Space>
  );
}
