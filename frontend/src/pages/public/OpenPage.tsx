import { Alert, Button, Card, Layout, Space, Table, Typography, type TableColumnsType } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { OpenPage_DepartmentsQuery } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../graphql/errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Brand } from '../../components/Brand';
import './open.css';

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
  const { status } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: OpenPageQuery });

  const columns: TableColumnsType<Row> = [
    { title: t('departments.code'), dataIndex: 'code', width: 140, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('departments.name'), dataIndex: 'name' },
  ];

  return (
    <Layout className="open-layout">
      <Layout.Header className="open-header">
        <Brand to="/open" />
        <Space size={12}>
          <LanguageSwitch size="small" />
          {status === 'signedIn' ? (
            <Link to="/">
              <Button type="primary" size="small">
                {t('open.enter')}
              </Button>
            </Link>
          ) : (
            <Link to="/login" data-testid="open-sign-in">
              <Button type="primary" size="small" icon={<LoginOutlined />}>
                {t('open.signIn')}
              </Button>
            </Link>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="open-content">
        <div className="open-hero">
          <Typography.Title level={2}>{t('open.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('open.intro')}</Typography.Paragraph>
        </div>
        <Card title={t('open.departments')} variant="borderless" data-testid="open-departments">
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
            data-testid="open-departments-table"
          />
        </Card>
        <Typography.Paragraph type="secondary" className="open-note">
          {t('open.comingSoon')}
        </Typography.Paragraph>
      </Layout.Content>
      <Layout.Footer className="app-footer">
        <Typography.Text type="secondary">
          {t('app.name')} suiji · {t('app.tagline')}
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
