import { useState } from 'react';
import { Alert, App, Button, Input, Select, Space } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InspectionMethod, ItemCategory, ItemStatus, ObjectKind } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { ExportButton } from '../../components/ExportButton';
import { INSPECTION_METHODS, ITEM_CATEGORIES, ITEM_STATUSES, OBJECT_KINDS, enumOptions } from '../../lib/enums';
import { toItemFilter, type ItemFilterValues } from './filter';
import { ItemsTable } from './ItemsTable';
import { ItemDetailDrawer, type ItemVersion } from './ItemDetailDrawer';
import { ItemFormModal } from './ItemFormModal';
import { canCreateItems, canEditItem } from './permissions';

const ItemsPageQuery = graphql(`
  query ItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {
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

const ItemsPageEditQuery = graphql(`
  query ItemsPage_ItemForEdit($id: ID!) {
    item(id: $id) {
      ...ItemDetail_Version
    }
  }
`);

const ItemsPageExportMutation = graphql(`
  mutation ItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {
    exportItems(format: $format, filter: $filter) {
      url
      expiresAt
    }
  }
`);

/** 抽查事项清单: every department's items; ADMIN and a DEPT_ADMIN (own department) create and edit. */
export default function ItemsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const pages = useCursorPages(50);
  const [values, setValues] = useState<ItemFilterValues>({});
  const [searchText, setSearchText] = useState('');
  const filter = toItemFilter(values);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ItemsPageQuery,
    variables: { first: pages.pageSize, after: pages.after, filter },
    requestPolicy: 'cache-and-network',
  });
  const [, exportItems] = useMutation(ItemsPageExportMutation);
  const [openId, setOpenId] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<ItemVersion | null>(null);
  const client = useClient();
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const set =
    <K extends keyof ItemFilterValues>(key: K) =>
    (v: ItemFilterValues[K]) => {
      setValues((old) => ({ ...old, [key]: v }));
      pages.reset();
    };

  const canEdit = (departmentId: string) => canEditItem(user, departmentId);
  const conn = data?.items;

  return (
    <div data-testid="items-page">
      <PageHeader
        title={t('items.title')}
        description={t('items.subtitle')}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            <ExportButton
              testid="items-export"
              run={async (format) => {
                const r = await exportItems({ format, filter });
                return { url: r.data?.exportItems.url, error: r.error };
              }}
            />
            {canCreateItems(user) && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setFormOpen(true);
                }}
                data-testid="item-create"
              >
                {t('items.create')}
              </Button>
            )}
          </Space>
        }
      />
      <div className="filter-bar">
        <Input.Search
          allowClear
          placeholder={t('items.searchPlaceholder')}
          value={searchText}
          onChange={(e) => {
            setSearchText(e.target.value);
            if (!e.target.value) set('search')('');
          }}
          onSearch={(v) => set('search')(v)}
          style={{ width: 200 }}
          data-testid="items-search"
        />
        <DepartmentSelect
          value={values.departmentId ?? undefined}
          onChange={(v) => set('departmentId')(v ?? null)}
          placeholder={t('filters.allDepartments')}
          style={{ width: 180 }}
          data-testid="items-department"
        />
        <Select<ItemCategory>
          allowClear
          value={values.category ?? undefined}
          onChange={(v) => set('category')(v ?? null)}
          placeholder={t('items.allCategories')}
          options={enumOptions(t, 'ItemCategory', ITEM_CATEGORIES)}
          style={{ width: 110 }}
        />
        <Select<InspectionMethod>
          allowClear
          value={values.method ?? undefined}
          onChange={(v) => set('method')(v ?? null)}
          placeholder={t('items.allMethods')}
          options={enumOptions(t, 'InspectionMethod', INSPECTION_METHODS)}
          style={{ width: 136 }}
        />
        <Select<ObjectKind>
          allowClear
          value={values.objectKind ?? undefined}
          onChange={(v) => set('objectKind')(v ?? null)}
          placeholder={t('items.allObjectKinds')}
          options={enumOptions(t, 'ObjectKind', OBJECT_KINDS)}
          style={{ width: 136 }}
        />
        <Select<ItemStatus[]>
          mode="multiple"
          allowClear
          value={values.statuses ?? []}
          onChange={(v) => set('statuses')(v)}
          placeholder={t('items.defaultStatuses')}
          options={enumOptions(t, 'ItemStatus', ITEM_STATUSES)}
          style={{ width: 180 }}
          maxTagCount="responsive"
        />
      </div>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={errorMessage(error, t)}
          action={<Button onClick={reload}>{t('common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <ItemsTable
        items={conn?.edges.map((e) => e.node) ?? []}
        loading={fetching}
        onOpen={(it) => setOpenId(it.id)}
        canEdit={(it) => canEdit(it.department.id)}
        onEdit={(it) => void openEditor(it.id)}
        testid="items-table"
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
        testid="items-pager"
      />
      <ItemDetailDrawer
        itemId={openId}
        onClose={() => setOpenId(null)}
        canEdit={canEdit}
        onEdit={(current) => {
          setEditing(current);
          setFormOpen(true);
        }}
        refreshKey={refreshKey}
      />
      <ItemFormModal
        open={formOpen}
        item={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(saved) => {
          setFormOpen(false);
          void message.success(
            editing ? t('items.updated', { name: saved.name, version: saved.version }) : t('items.created', { name: saved.name }),
          );
          if (editing) {
            // the drawer follows the new version
            setOpenId(saved.id);
            setRefreshKey((k) => k + 1);
          }
          reload();
        }}
      />
    </div>
  );

  /** 编辑 from a row: the form needs every field of the current version. */
  async function openEditor(id: string) {
    const hide = message.loading(t('common.loading'), 0);
    const res = await client.query(ItemsPageEditQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    hide();
    if (res.error || !res.data?.item) {
      void message.error(res.error ? errorMessage(res.error, t) : t('items.notFound'));
      return;
    }
    setEditing(res.data.item);
    setFormOpen(true);
  }
}
