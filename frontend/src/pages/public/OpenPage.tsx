import { Alert, Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { OpenPage_DepartmentsQuery } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';

const OpenPageQuery = graphql(`
  query OpenPage_Departments {
    departments {
      id
      code
      name
    }
  }
`);

type Row = OpenPage_DepartmentsQuery['departments'][number];

/** 信息公开 (/open): what anyone may read without signing in. */
export default function OpenPage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: OpenPageQuery });

  const columns: TableColumnsType<Row> = [
    { title: t('departments.code'), dataIndex: 'code', width: 140, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('departments.name'), dataIndex: 'name' },
    {
      title: t('open.itemList'),
      key: 'items',
      align: 'right',
      render: (_, d) => (
        <Link to={`/open/items?department=${encodeURIComponent(d.id)}`} data-testid={`open-items-of-${d.code}`}>
          {t('open.viewItems')} <RightOutlined />
        </Link>
      ),
    },
  ];

  return (
    <>
      <div className="open-hero">
        <Typography.Title level={2}>{t('open.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('open.intro')}</Typography.Paragraph>
      </div>
      <Card variant="borderless" className="open-card open-feature" data-testid="open-items-card">
        <div>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('nav.openItems')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('open.itemsIntro')}</Typography.Text>
        </div>
        <Link to="/open/items" data-testid="open-items-link">
          <Button type="primary">{t('open.viewAllItems')}</Button>
        </Link>
      </Card>
      <Card variant="borderless" className="open-card open-feature" data-testid="open-plans-card">
        <div>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('nav.openPlans')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('openPlans.intro')}</Typography.Text>
        </div>
        <Link to="/open/plans" data-testid="open-plans-link">
          <Button type="primary">{t('openPlans.viewAll')}</Button>
        </Link>
      </Card>
      <Card variant="borderless" className="open-card open-feature" data-testid="open-draws-card">
        <div>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('nav.openDraws')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('draws.publicIntro')}</Typography.Text>
        </div>
        <Link to="/open/draws" data-testid="open-draws-link">
          <Button type="primary">{t('draws.viewAll')}</Button>
        </Link>
      </Card>
      <Card title={t('open.departments')} variant="borderless" className="open-card" data-testid="open-departments">
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
        <Table<Row>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.departments ?? []}
          loading={fetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="open-departments-table"
        />
      </Card>
    </>
  );
}
