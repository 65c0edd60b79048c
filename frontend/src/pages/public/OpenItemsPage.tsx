import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InspectionMethod, ItemCategory, ObjectKind } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { ExportButton } from '../../components/ExportButton';
import { INSPECTION_METHODS, ITEM_CATEGORIES, OBJECT_KINDS, enumOptions } from '../../lib/enums';
import { toItemFilter } from '../items/filter';
import { ItemsTable } from '../items/ItemsTable';
import { ItemDetailDrawer } from '../items/ItemDetailDrawer';

const OpenItemsPageDepartmentsQuery = graphql(`
  query OpenItemsPage_Departments {
    departments {
      id
      code
      name
    }
  }
`);

const OpenItemsPageQuery = graphql(`
  query OpenItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {
    items(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ItemsTable_Item
        }
      }
    }
  }
`);

const OpenItemsPageExportMutation = graphql(`
  mutation OpenItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {
    exportItems(format: $format, filter: $filter) {
      url
      expiresAt
    }
  }
`);

/** 抽查事项清单 for the public (/open/items): every department's current, active items. */
export default function OpenItemsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const departmentId = params.get('department') ?? undefined;
  const pages = useCursorPages(50);
  const [category, setCategory] = useState<ItemCategory | undefined>();
  const [method, setMethod] = useState<InspectionMethod | undefined>();
  const [objectKind, setObjectKind] = useState<ObjectKind | undefined>();
  const [search, setSearch] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const filter = toItemFilter({ departmentId, category, method, objectKind, search });
  const [departments] = useQuery({ query: OpenItemsPageDepartmentsQuery });
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OpenItemsPageQuery,
    variables: { first: pages.pageSize, after: pages.after, filter },
  });
  const [, exportItems] = useMutation(OpenItemsPageExportMutation);
  const conn = data?.items;
  const department = departments.data?.departments.find((d) => d.id === departmentId);

  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      pages.reset();
    };

  return (
    <div data-testid="open-items-page">
      <div className="open-hero">
        <Typography.Title level={2}>{department ? t('open.itemsOf', { name: department.name }) : t('nav.openItems')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('open.itemsIntro')}</Typography.Paragraph>
      </div>
      <Card variant="borderless" className="open-card">
        <div className="filter-bar">
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={departmentId}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              if (v) next.set('department', v);
              else next.delete('department');
              setParams(next, { replace: true });
              pages.reset();
            }}
            placeholder={t('filters.allDepartments')}
            loading={departments.fetching}
            options={(departments.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
            style={{ width: 200 }}
            data-testid="open-items-department"
          />
          <Select<ItemCategory>
            allowClear
            value={category}
            onChange={change(setCategory)}
            placeholder={t('items.allCategories')}
            options={enumOptions(t, 'ItemCategory', ITEM_CATEGORIES)}
            style={{ width: 130 }}
          />
          <Select<InspectionMethod>
            allowClear
            value={method}
            onChange={change(setMethod)}
            placeholder={t('items.allMethods')}
            options={enumOptions(t, 'InspectionMethod', INSPECTION_METHODS)}
            style={{ width: 150 }}
          />
          <Select<ObjectKind>
            allowClear
            value={objectKind}
            onChange={change(setObjectKind)}
            placeholder={t('items.allObjectKinds')}
            options={enumOptions(t, 'ObjectKind', OBJECT_KINDS)}
            style={{ width: 150 }}
          />
          <Input.Search allowClear placeholder={t('items.searchPlaceholder')} onSearch={change(setSearch)} style={{ width: 220 }} />
          <Space className="filter-bar-end">
            <ExportButton
              testid="open-items-export"
              run={async (format) => {
                const r = await exportItems({ format, filter });
                return { url: r.data?.exportItems.url, error: r.error };
              }}
            />
          </Space>
        </div>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('common.loadFailed')}
            description={errorMessage(error, t)}
            action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('common.retry')}</Button>}
            style={{ marginBottom: 16 }}
          />
        )}
        <ItemsTable
          items={conn?.edges.map((e) => e.node) ?? []}
          loading={fetching}
          onOpen={(it) => setOpenId(it.id)}
          showStatus={false}
          testid="open-items-table"
        />
        <CursorPager
          page={pages.page}
          pageSize={pages.pageSize}
          totalCount={conn?.totalCount}
          hasNextPage={conn?.pageInfo.hasNextPage ?? false}
          loading={fetching}
          onPrev={pages.prev}
          onNext={() => pages.next(conn?.pageInfo.endCursor)}
          onPageSizeChange={pages.setPageSize}
          testid="open-items-pager"
        />
      </Card>
      <ItemDetailDrawer itemId={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
