import { useState } from 'react';
import { Alert, Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/session';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PlanFilter, PlanStatus, PlansPage_PlansQuery } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { enumLabel } from '../../lib/enums';
import { formatDate } from '../../lib/time';
import { PLAN_STATUSES, PLAN_STATUS_COLORS } from './planLabels';
import { PlanFilterBar } from './PlanFilterBar';

const PlansPageQuery = graphql(`
  query PlansPage_Plans($first: Int, $after: String, $filter: PlanFilter) {
    plans(first: $first, after: $after, filter: $filter) {
      totalCount
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
          year
          status
          windowStart
          windowEnd
          initiator {
            id
            name
            shortName
          }
          departments {
            department {
              id
              shortName
              name
            }
          }
        }
      }
    }
  }
`);

type Row = PlansPage_PlansQuery['plans']['edges'][number]['node'];

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={PLAN_STATUS_COLORS[status]} data-testid="plan-status">
      {enumLabel(t, 'PlanStatus', status)}
    </Tag>
  );
}

/** 抽查计划 (/plans): every plan the caller may read, by status and year. */
export default function PlansPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const pages = useCursorPages();
  const [filter, setFilter] = useState<PlanFilter>({});

  const [{ data, fetching, error }, refetch] = useQuery({
    query: PlansPageQuery,
    variables: { first: pages.pageSize, after: pages.after, filter },
    requestPolicy: 'cache-and-network',
  });
  const conn = data?.plans;

  const columns: TableColumnsType<Row> = [
    {
      title: t('plans.name'),
      key: 'name',
      render: (_, p) => (
        <div>
          <Link to={`/plans/${encodeURIComponent(p.id)}`} data-testid="plan-open">
            {p.name}
          </Link>
          <div>
            <Typography.Text type="secondary" className="mono">
              {p.uid}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('plans.kind'), dataIndex: 'kind', responsive: ['sm'], render: (k: string) => enumLabel(t, 'PlanKind', k) },
    { title: t('plans.year'), dataIndex: 'year', responsive: ['md'] },
    { title: t('plans.initiator'), key: 'initiator', responsive: ['lg'], render: (_, p) => p.initiator.shortName || p.initiator.name },
    {
      title: t('plans.departments'),
      key: 'departments',
      responsive: ['lg'],
      render: (_, p) => p.departments.map((d) => d.department.shortName || d.department.name).join('、'),
    },
    {
      title: t('plans.window'),
      key: 'window',
      responsive: ['md'],
      render: (_, p) => <span className="nowrap">{`${formatDate(p.windowStart)} — ${formatDate(p.windowEnd)}`}</span>,
    },
    { title: t('plans.status'), dataIndex: 'status', render: (s: PlanStatus) => <PlanStatusTag status={s} /> },
  ];

  return (
    <div data-testid="plans-page">
      <PageHeader
        title={t('plans.title')}
        description={t('plans.subtitle')}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={() => refetch({ requestPolicy: 'network-only' })} aria-label={t('common.refresh')} />
            {hasRole('ADMIN', 'DEPT_ADMIN') && (
              <Link to="/plans/new" data-testid="plan-create">
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('plans.newPlan')}
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <PlanFilterBar
        statuses={PLAN_STATUSES}
        onChange={(f) => {
          setFilter(f);
          pages.reset();
        }}
        testid="plans-filter"
      />
      {error && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={conn?.edges.map((e) => e.node) ?? []}
        loading={fetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="plans-table"
      />
      <CursorPager
        page={pages.page}
        pageSize={pages.pageSize}
        totalCount={conn?.totalCount}
        hasNextPage={!!conn?.pageInfo.hasNextPage}
        loading={fetching}
        onPrev={pages.prev}
        onNext={() => pages.next(conn?.pageInfo.endCursor)}
        onPageSizeChange={pages.setPageSize}
        testid="plans-pager"
      />
    </div>
  );
}
