import { useState } from 'react';
import { Alert, App, Badge, Button, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FilterOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ObjectKind, ObjectsPage_ObjectsQuery, RiskClass } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { ExportButton } from '../../components/ExportButton';
import { TagSelect } from '../../components/TagSelect';
import { OBJECT_KINDS, RISK_CLASSES, enumLabel, enumOptions } from '../../lib/enums';
import { advancedFilterCount, searchTooShort, toObjectFilter, type ActiveFilter, type ObjectFilterValues, type TagMode } from './filter';
import { ObjectDetailDrawer, RiskTag } from './ObjectDetailDrawer';
import { ObjectFormModal } from './ObjectFormModal';
import type { ObjectRecord } from './form';
import './objects.css';

const ObjectsPageQuery = graphql(`
  query ObjectsPage_Objects($first: Int, $after: String, $filter: ObjectFilter) {
    objects(first: $first, after: $after, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          uid
          kind
          name
          regionCode
          industryCode
          riskClass
          active
          tags {
            id
            name
          }
          supervisingDepartments {
            id
            name
            shortName
          }
        }
      }
    }
  }
`);

// The total is a COUNT over the whole filtered library: asked apart from
// the page, after it, and kept while paging through the same filter.
const ObjectsPageCountQuery = graphql(`
  query ObjectsPage_Count($filter: ObjectFilter) {
    objects(first: 1, filter: $filter) {
      totalCount
    }
  }
`);

const ObjectsPageExportMutation = graphql(`
  mutation ObjectsPage_Export($format: ExportFormat!, $filter: ObjectFilter) {
    exportObjects(format: $format, filter: $filter) {
      url
      expiresAt
    }
  }
`);

type Row = ObjectsPage_ObjectsQuery['objects']['edges'][number]['node'];

const joinNames = (ds: readonly { name: string; shortName: string }[]) => ds.map((d) => d.shortName || d.name).join('、');

/** 检查对象名录库 (ADMIN, DEPT_ADMIN, ANALYST): filter, read, edit; export what is filtered. */
export default function ObjectsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user, hasRole } = useSession();
  const pages = useCursorPages();
  const [values, setValues] = useState<ObjectFilterValues>({ tagMode: 'any', active: 'all' });
  const [searchText, setSearchText] = useState('');
  const [showMore, setShowMore] = useState(false);
  const filter = toObjectFilter(values);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ObjectsPageQuery,
    variables: { first: pages.pageSize, after: pages.after, filter },
    requestPolicy: 'cache-and-network',
  });
  const [count, recount] = useQuery({ query: ObjectsPageCountQuery, variables: { filter }, pause: !data });
  const [, exportObjects] = useMutation(ObjectsPageExportMutation);
  const [openId, setOpenId] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<ObjectRecord | null>(null);

  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    recount({ requestPolicy: 'network-only' });
  };
  const set =
    <K extends keyof ObjectFilterValues>(key: K) =>
    (v: ObjectFilterValues[K]) => {
      setValues((old) => ({ ...old, [key]: v }));
      pages.reset();
    };
  const canManage = hasRole('ADMIN', 'DEPT_ADMIN');
  const canEdit = (o: ObjectRecord) =>
    hasRole('ADMIN') || (hasRole('DEPT_ADMIN') && o.supervisingDepartments.some((d) => d.id === user?.department?.id));
  const tooShort = searchTooShort(searchText);
  const advanced = advancedFilterCount(values);

  const columns: TableColumnsType<Row> = [
    {
      title: t('objects.name'),
      key: 'name',
      render: (_, o) => (
        <div className="object-name-cell">
          <Button type="link" className="link-cell" onClick={() => setOpenId(o.id)} data-testid="object-open">
            {o.name}
          </Button>
          <Typography.Text type="secondary" className="mono object-uid-line">
            {o.uid}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('objects.kind'),
      dataIndex: 'kind',
      responsive: ['sm'],
      render: (k: ObjectKind) => <span className="nowrap">{enumLabel(t, 'ObjectKind', k)}</span>,
    },
    { title: t('objects.riskShort'), dataIndex: 'riskClass', render: (r: RiskClass | null) => <RiskTag risk={r} /> },
    {
      title: t('objects.tags'),
      key: 'tags',
      responsive: ['md'],
      render: (_, o) => (
        <Space size={[0, 4]} wrap className="object-tags">
          {o.tags.slice(0, 2).map((tag) => (
            <Tag key={tag.id} color="cyan">
              {tag.name}
            </Tag>
          ))}
          {o.tags.length > 2 && (
            <Tooltip
              title={o.tags
                .slice(2)
                .map((tag) => tag.name)
                .join('、')}
            >
              <Tag>+{o.tags.length - 2}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('objects.supervisingShort'),
      key: 'departments',
      responsive: ['lg'],
      render: (_, o) => <span className="object-depts">{joinNames(o.supervisingDepartments) || '—'}</span>,
    },
    {
      title: t('objects.regionShort'),
      dataIndex: 'regionCode',
      responsive: ['xl'],
      render: (v: string) => <span className="mono">{v || '—'}</span>,
    },
    {
      title: t('objects.industryShort'),
      dataIndex: 'industryCode',
      responsive: ['xl'],
      render: (v: string) => <span className="mono">{v || '—'}</span>,
    },
    {
      title: t('objects.status'),
      dataIndex: 'active',
      responsive: ['sm'],
      render: (a: boolean) => (a ? <Tag color="success">{t('objects.active')}</Tag> : <Tag>{t('objects.inactive')}</Tag>),
    },
  ];

  const conn = data?.objects;
  return (
    <div data-testid="objects-page">
      <PageHeader
        title={t('objects.title')}
        description={t('objects.subtitle')}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            <ExportButton
              testid="objects-export"
              run={async (format) => {
                const r = await exportObjects({ format, filter });
                return { url: r.data?.exportObjects.url, error: r.error };
              }}
            />
            {canManage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setFormOpen(true);
                }}
                data-testid="object-create"
              >
                {t('objects.create')}
              </Button>
            )}
          </Space>
        }
      />
      <div className="filter-bar">
        <Tooltip open={tooShort} title={t('objects.searchTooShort')} placement="bottomLeft">
          <Input.Search
            allowClear
            placeholder={t('objects.searchPlaceholder')}
            value={searchText}
            status={tooShort ? 'warning' : undefined}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (!e.target.value) set('search')('');
            }}
            onSearch={(v) => set('search')(v)}
            style={{ width: 260 }}
            data-testid="objects-search"
          />
        </Tooltip>
        <Select<ObjectKind[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          value={values.kinds ?? []}
          onChange={set('kinds')}
          placeholder={t('objects.allKinds')}
          options={enumOptions(t, 'ObjectKind', OBJECT_KINDS)}
          style={{ width: 190 }}
          data-testid="objects-kinds"
        />
        <Select<RiskClass[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          value={values.riskClasses ?? []}
          onChange={set('riskClasses')}
          placeholder={t('objects.allRisks')}
          options={enumOptions(t, 'RiskClass', RISK_CLASSES)}
          style={{ width: 190 }}
          data-testid="objects-risks"
        />
        <DepartmentSelect
          value={values.supervisingDepartmentId ?? undefined}
          onChange={(v) => set('supervisingDepartmentId')(v ?? null)}
          placeholder={t('objects.allSupervisors')}
          style={{ width: 210 }}
        />
        <Badge count={advanced} size="small">
          <Button
            icon={<FilterOutlined />}
            onClick={() => setShowMore((s) => !s)}
            type={showMore ? 'primary' : 'default'}
            ghost={showMore}
            data-testid="objects-more-filters"
          >
            {t('objects.moreFilters')}
          </Button>
        </Badge>
      </div>
      {showMore && (
        <div className="filter-bar filter-bar-more" data-testid="objects-advanced">
          <Space.Compact className="filter-tags">
            <TagSelect scope="OBJECT" value={values.tagIds ?? []} onChange={(v) => set('tagIds')(v)} style={{ width: 260 }} />
            <Segmented<TagMode>
              value={values.tagMode ?? 'any'}
              onChange={(v) => set('tagMode')(v)}
              options={[
                { value: 'any', label: t('objects.tagsAny') },
                { value: 'all', label: t('objects.tagsAll') },
              ]}
              className="tag-mode"
            />
          </Space.Compact>
          <Input
            allowClear
            placeholder={t('objects.regionPrefix')}
            value={values.regionCode ?? ''}
            onChange={(e) => set('regionCode')(e.target.value.replace(/\D/g, ''))}
            maxLength={6}
            inputMode="numeric"
            style={{ width: 170 }}
          />
          <Input
            allowClear
            placeholder={t('objects.industryPrefix')}
            value={values.industryCode ?? ''}
            onChange={(e) => set('industryCode')(e.target.value.toUpperCase())}
            maxLength={5}
            style={{ width: 170 }}
          />
          <Select<ActiveFilter>
            value={values.active ?? 'all'}
            onChange={set('active')}
            options={[
              { value: 'all', label: t('objects.allStatuses') },
              { value: 'active', label: t('objects.active') },
              { value: 'inactive', label: t('objects.inactive') },
            ]}
            style={{ width: 120 }}
          />
          <Button
            onClick={() => {
              setValues({ tagMode: 'any', active: 'all' });
              setSearchText('');
              pages.reset();
            }}
          >
            {t('filters.reset')}
          </Button>
        </div>
      )}
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
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={conn?.edges.map((e) => e.node) ?? []}
        loading={fetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(o) => (o.active ? '' : 'row-inactive')}
        locale={{ emptyText: fetching ? ' ' : t('objects.empty') }}
        data-testid="objects-table"
      />
      <CursorPager
        page={pages.page}
        pageSize={pages.pageSize}
        totalCount={count.data?.objects.totalCount}
        counting={count.fetching || (!count.data && !count.error)}
        hasNextPage={conn?.pageInfo.hasNextPage ?? false}
        loading={fetching}
        onPrev={pages.prev}
        onNext={() => pages.next(conn?.pageInfo.endCursor)}
        onPageSizeChange={pages.setPageSize}
        testid="objects-pager"
      />
      <ObjectDetailDrawer
        objectId={openId}
        onClose={() => setOpenId(null)}
        canEdit={canEdit}
        onEdit={(o) => {
          setEditing(o);
          setFormOpen(true);
        }}
        refreshKey={refreshKey}
      />
      <ObjectFormModal
        open={formOpen}
        object={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(o, created) => {
          setFormOpen(false);
          void message.success(created ? t('objects.created', { name: o.name }) : t('objects.updated', { name: o.name }));
          if (created) setOpenId(o.id);
          setRefreshKey((k) => k + 1);
          reload();
        }}
      />
    </div>
  );
}
