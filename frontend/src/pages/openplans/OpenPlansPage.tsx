import { useState } from 'react';
import { Alert, Card, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { OpenPlansPage_PlansQuery, PlanFilter, PlanStatus } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { enumLabel } from '../../lib/enums';
import { formatDate } from '../../lib/time';
import { PlanStatusTag } from '../plans/PlansPage';
import { openPlanPath, PUBLIC_PLAN_STATUSES } from './paths';
import { PlanFilterBar } from '../plans/PlanFilterBar';

const OpenPlansPageQuery = graphql(`
  query OpenPlansPage_Plans($first: Int, $after: String, $filter: PlanFilter) {
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
          publishedAt
          initiator {
            id
            name
            shortName
          }
          departments {
            department {
              id
              name
              shortName
            }
          }
        }
      }
    }
  }
`);

type Row = OpenPlansPage_PlansQuery['plans']['edges'][number]['node'];

/**
 * 抽查计划公示 (/open/plans): every published plan, newest first, with its
 * departments and window; the public sees nothing before publication.
 */
export default function OpenPlansPage() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [filter, setFilter] = useState<PlanFilter>({});

  const [{ data, fetching, error }] = useQuery({
    query: OpenPlansPageQuery,
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
          <Link to={openPlanPath(p.uid)} data-testid="open-plan-link">
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
    { title: t('plans.kind'), dataIndex: 'kind', responsive: ['sm'], render: (k: string) => <span className="nowrap">{enumLabel(t, 'PlanKind', k)}</span> },
    { title: t('plans.initiator'), key: 'initiator', responsive: ['lg'], render: (_, p) => p.initiator.shortName || p.initiator.name },
    {
      title: t('plans.departments'),
      key: 'departments',
      responsive: ['md'],
      render: (_, p) => p.departments.map((d) => d.department.shortName || d.department.name).join('、'),
    },
    {
      title: t('plans.window'),
      key: 'window',
      responsive: ['md'],
      render: (_, p) => <span className="nowrap">{`${formatDate(p.windowStart)} — ${formatDate(p.windowEnd)}`}</span>,
    },
    { title: t('openPlans.publishedAt'), dataIndex: 'publishedAt', responsive: ['lg'], render: (v: string | null) => <span className="nowrap">{v ? formatDate(v) : '—'}</span> },
    { title: t('plans.status'), dataIndex: 'status', render: (s: PlanStatus) => <PlanStatusTag status={s} /> },
  ];

  return (
    <div data-testid="open-plans-page">
      <div className="open-hero">
        <Typography.Title level={2}>{t('nav.openPlans')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('openPlans.intro')}</Typography.Paragraph>
      </div>
      <Card variant="borderless" className="open-card">
        <PlanFilterBar
          statuses={PUBLIC_PLAN_STATUSES}
          onChange={(f) => {
            setFilter(f);
            pages.reset();
          }}
          testid="open-plans"
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
          locale={{ emptyText: t('openPlans.none') }}
          data-testid="open-plans-table"
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
          testid="open-plans-pager"
        />
      </Card>
    </div>
  );
}
