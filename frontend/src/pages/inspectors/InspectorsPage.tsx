import { useState } from 'react';
import { Alert, App, Button, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InspectorKind, InspectorsPage_InspectorsQuery, InspectorStatus } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { ExportButton } from '../../components/ExportButton';
import { TagSelect } from '../../components/TagSelect';
import { INSPECTOR_KINDS, INSPECTOR_STATUSES, INSPECTOR_STATUS_COLORS, enumLabel, enumOptions } from '../../lib/enums';
import { toInspectorFilter, type InspectorFilterValues } from './filter';
import { canManageInspector, type InspectorRecord } from './form';
import { InspectorDetailDrawer } from './InspectorDetailDrawer';
import { InspectorFormModal } from './InspectorFormModal';

const InspectorsPageQuery = graphql(`
  query InspectorsPage_Inspectors($first: Int, $after: String, $filter: InspectorFilter) {
    inspectors(first: $first, after: $after, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          uid
          name
          kind
          organisation
          status
          certificateExpiresOn
          department {
            id
            name
            shortName
          }
          qualifications {
            id
            name
          }
          expertise {
            id
            name
          }
        }
      }
    }
  }
`);

const InspectorsPageCountQuery = graphql(`
  query InspectorsPage_Count($filter: InspectorFilter) {
    inspectors(first: 1, filter: $filter) {
      totalCount
    }
  }
`);

const InspectorsPageExportMutation = graphql(`
  mutation InspectorsPage_Export($format: ExportFormat!, $filter: InspectorFilter) {
    exportInspectors(format: $format, filter: $filter) {
      url
      expiresAt
    }
  }
`);

type Row = InspectorsPage_InspectorsQuery['inspectors']['edges'][number]['node'];

function Tags({ tags, color }: { tags: readonly { id: string; name: string }[]; color: string }) {
  if (tags.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap style={{ maxWidth: 240 }}>
      {tags.slice(0, 2).map((tag) => (
        <Tag key={tag.id} color={color}>
          {tag.name}
        </Tag>
      ))}
      {tags.length > 2 && (
        <Tooltip
          title={tags
            .slice(2)
            .map((tag) => tag.name)
            .join('、')}
        >
          <Tag>+{tags.length - 2}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** 执法检查人员名录库 (ADMIN, DEPT_ADMIN, ANALYST). */
export default function InspectorsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user, hasRole } = useSession();
  const pages = useCursorPages();
  const [values, setValues] = useState<InspectorFilterValues>({});
  const [searchText, setSearchText] = useState('');
  const filter = toInspectorFilter(values);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: InspectorsPageQuery,
    variables: { first: pages.pageSize, after: pages.after, filter },
    requestPolicy: 'cache-and-network',
  });
  const [count, recount] = useQuery({ query: InspectorsPageCountQuery, variables: { filter }, pause: !data });
  const [, exportInspectors] = useMutation(InspectorsPageExportMutation);
  const [openId, setOpenId] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<InspectorRecord | null>(null);

  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    recount({ requestPolicy: 'network-only' });
  };
  const set =
    <K extends keyof InspectorFilterValues>(key: K) =>
    (v: InspectorFilterValues[K]) => {
      setValues((old) => ({ ...old, [key]: v }));
      pages.reset();
    };
  const canManage = (departmentId: string) => canManageInspector(user?.role, user?.department?.id, departmentId);

  const columns: TableColumnsType<Row> = [
    {
      title: t('inspectors.name'),
      key: 'name',
      render: (_, p) => (
        <div style={{ minWidth: 120 }}>
          <Button type="link" className="link-cell" onClick={() => setOpenId(p.id)} data-testid="inspector-open">
            {p.name}
          </Button>
          <Typography.Text type="secondary" className="mono" style={{ display: 'block', fontSize: 12 }}>
            {p.uid}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('inspectors.department'),
      key: 'department',
      render: (_, p) => <span className="nowrap">{p.department.shortName || p.department.name}</span>,
    },
    {
      title: t('inspectors.kind'),
      dataIndex: 'kind',
      responsive: ['sm'],
      render: (k: InspectorKind, p) => (
        <div>
          <span className="nowrap">{enumLabel(t, 'InspectorKind', k)}</span>
          {p.organisation && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {p.organisation}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('inspectors.qualifications'),
      key: 'qualifications',
      responsive: ['md'],
      render: (_, p) => <Tags tags={p.qualifications} color="purple" />,
    },
    {
      title: t('inspectors.expertise'),
      key: 'expertise',
      responsive: ['lg'],
      render: (_, p) => <Tags tags={p.expertise} color="geekblue" />,
    },
    {
      title: t('inspectors.certificateExpiresOn'),
      dataIndex: 'certificateExpiresOn',
      responsive: ['xl'],
      render: (v: string | null) => <span className="nowrap">{v || '—'}</span>,
    },
    {
      title: t('inspectors.status'),
      dataIndex: 'status',
      render: (s: InspectorStatus) => <Tag color={INSPECTOR_STATUS_COLORS[s]}>{enumLabel(t, 'InspectorStatus', s)}</Tag>,
    },
  ];

  const conn = data?.inspectors;
  return (
    <div data-testid="inspectors-page">
      <PageHeader
        title={t('inspectors.title')}
        description={t('inspectors.subtitle')}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            <ExportButton
              testid="inspectors-export"
              run={async (format) => {
                const r = await exportInspectors({ format, filter });
                return { url: r.data?.exportInspectors.url, error: r.error };
              }}
            />
            {hasRole('ADMIN', 'DEPT_ADMIN') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setFormOpen(true);
                }}
                data-testid="inspector-create"
              >
                {t('inspectors.create')}
              </Button>
            )}
          </Space>
        }
      />
      <div className="filter-bar">
        <Input.Search
          allowClear
          placeholder={t('inspectors.searchPlaceholder')}
          value={searchText}
          onChange={(e) => {
            setSearchText(e.target.value);
            if (!e.target.value) set('search')('');
          }}
          onSearch={(v) => set('search')(v)}
          style={{ width: 220 }}
          data-testid="inspectors-search"
        />
        <DepartmentSelect
          value={values.departmentId ?? undefined}
          onChange={(v) => set('departmentId')(v ?? null)}
          placeholder={t('filters.allDepartments')}
          style={{ width: 190 }}
        />
        <Select<InspectorKind[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          value={values.kinds ?? []}
          onChange={set('kinds')}
          placeholder={t('inspectors.allKinds')}
          options={enumOptions(t, 'InspectorKind', INSPECTOR_KINDS)}
          style={{ width: 170 }}
        />
        <Select<InspectorStatus[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          value={values.statuses ?? []}
          onChange={set('statuses')}
          placeholder={t('inspectors.allStatuses')}
          options={enumOptions(t, 'InspectorStatus', INSPECTOR_STATUSES)}
          style={{ width: 170 }}
        />
        <TagSelect
          scope="QUALIFICATION"
          value={values.qualificationIds ?? []}
          onChange={(v) => set('qualificationIds')(v)}
          placeholder={t('inspectors.anyQualification')}
          style={{ width: 200 }}
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
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={conn?.edges.map((e) => e.node) ?? []}
        loading={fetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(p) => (p.status === 'ACTIVE' ? '' : 'row-inactive')}
        data-testid="inspectors-table"
      />
      <CursorPager
        page={pages.page}
        pageSize={pages.pageSize}
        totalCount={count.data?.inspectors.totalCount}
        counting={count.fetching || (!count.data && !count.error)}
        hasNextPage={conn?.pageInfo.hasNextPage ?? false}
        loading={fetching}
        onPrev={pages.prev}
        onNext={() => pages.next(conn?.pageInfo.endCursor)}
        onPageSizeChange={pages.setPageSize}
        testid="inspectors-pager"
      />
      <InspectorDetailDrawer
        inspectorId={openId}
        onClose={() => setOpenId(null)}
        canManage={canManage}
        onEdit={(p) => {
          setEditing(p);
          setFormOpen(true);
        }}
        refreshKey={refreshKey}
      />
      <InspectorFormModal
        open={formOpen}
        inspector={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(p, created) => {
          setFormOpen(false);
          void message.success(created ? t('inspectors.created', { name: p.name }) : t('inspectors.updated', { name: p.name }));
          if (created) setOpenId(p.id);
          setRefreshKey((k) => k + 1);
          reload();
        }}
      />
    </div>
  );
}
