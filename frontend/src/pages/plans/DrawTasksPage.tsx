import { Alert, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { DrawTasksPage_TasksQuery } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { CursorPager, useCursorPages } from '../../components/CursorPager';

const DrawTasksPageDrawQuery = graphql(`
  query DrawTasksPage_Draw($id: ID!) {
    draw(id: $id) {
      id
      attempt
      selectionsCount
      plan {
        id
        uid
        name
      }
    }
  }
`);

const DrawTasksPageQuery = graphql(`
  query DrawTasksPage_Tasks($drawId: ID!, $first: Int, $after: String) {
    inspectionTasks(drawId: $drawId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          rank
          status
          object {
            id
            uid
            name
          }
          team {
            inspector {
              id
              uid
              name
            }
            department {
              id
              name
            }
          }
          itemsByDepartment {
            department {
              id
              name
            }
            items {
              id
              name
            }
          }
        }
      }
    }
  }
`);

type Row = DrawTasksPage_TasksQuery['inspectionTasks']['edges'][number]['node'];

/** 检查任务 of a draw (/draws/:id/tasks): rank, object, team and the items per department. */
export default function DrawTasksPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const pages = useCursorPages();
  const [drawRes] = useQuery({ query: DrawTasksPageDrawQuery, variables: { id } });
  const [{ data, fetching, error }] = useQuery({ query: DrawTasksPageQuery, variables: { drawId: id, first: pages.pageSize, after: pages.after } });
  const conn = data?.inspectionTasks;
  const draw = drawRes.data?.draw;

  const columns: TableColumnsType<Row> = [
    { title: t('draws.rank'), dataIndex: 'rank', width: 60, align: 'right' },
    {
      title: t('draws.object'),
      key: 'object',
      render: (_, task) => (
        <div>
          <div>{task.object.name}</div>
          <Typography.Text type="secondary" className="mono">
            {task.object.uid}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('draws.team'),
      key: 'team',
      render: (_, task) => (
        <Space size={[0, 4]} wrap>
          {task.team.map((m) => (
            <Tag key={m.inspector.id}>
              {m.inspector.name} <span className="mono">{m.inspector.uid}</span> · {m.department.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('draws.items'),
      key: 'items',
      render: (_, task) =>
        task.itemsByDepartment.map((d) => (
          <div key={d.department.id}>
            {d.department.name}：{d.items.map((i) => i.name).join('、')}
          </div>
        )),
    },
  ];

  return (
    <div data-testid="draw-tasks-page">
      {draw && (
        <Link to={`/plans/${encodeURIComponent(draw.plan.id)}`}>
          <LeftOutlined /> {draw.plan.name}
        </Link>
      )}
      <PageHeader title={t('draws.tasks')} description={draw ? `${draw.plan.uid} · ${t('draws.attempt', { n: draw.attempt })}` : undefined} />
      {error && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={conn?.edges.map((e) => e.node) ?? []}
        loading={fetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="draw-tasks-table"
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
        testid="draw-tasks-pager"
      />
    </div>
  );
}
