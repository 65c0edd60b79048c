import { useState } from 'react';
import { Alert, App, Button, Checkbox, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import './departments.css';
import { DepartmentFormModal, type DepartmentRow } from './DepartmentFormModal';

const DepartmentsPageQuery = graphql(`
  query DepartmentsPage_Departments($includeInactive: Boolean) {
    departments(includeInactive: $includeInactive) {
      id
      code
      name
      shortName
      description
      sortOrder
      active
      updatedAt
    }
  }
`);

const DepartmentsPageSetActiveMutation = graphql(`
  mutation DepartmentsPage_SetActive($id: ID!, $active: Boolean!) {
    setDepartmentActive(id: $id, active: $active) {
      id
      active
      updatedAt
    }
  }
`);

/** 部门: every signed-in role reads the list; ADMIN creates, edits, disables. */
export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const isAdmin = hasRole('ADMIN');
  const [includeInactive, setIncludeInactive] = useState(isAdmin);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: DepartmentsPageQuery,
    variables: { includeInactive },
    requestPolicy: 'cache-and-network',
  });
  const [, setActive] = useMutation(DepartmentsPageSetActiveMutation);
  const [editing, setEditing] = useState<DepartmentRow | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);

  const reload = () => refetch({ requestPolicy: 'network-only' });

  const toggleActive = async (d: DepartmentRow) => {
    setBusyId(d.id);
    const res = await setActive({ id: d.id, active: !d.active });
    setBusyId(null);
    if (res.error) {
      void message.error(errorMessage(res.error, t));
      return;
    }
    void message.success(d.active ? t('departments.deactivated', { name: d.name }) : t('departments.activated', { name: d.name }));
    reload();
  };

  const columns = (() => {
    const cols: TableColumnsType<DepartmentRow> = [
      {
        title: t('departments.code'),
        dataIndex: 'code',
        width: 120,
        render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
      },
      {
        title: t('departments.name'),
        dataIndex: 'name',
        render: (name: string, d) => (
          <div className="department-name">
            <div>{name}</div>
            {d.description && (
              <Typography.Text type="secondary" className="department-description" title={d.description}>
                {d.description}
              </Typography.Text>
            )}
          </div>
        ),
      },
      { title: t('departments.shortName'), dataIndex: 'shortName', width: 140, responsive: ['sm'] },
      { title: t('departments.sortOrder'), dataIndex: 'sortOrder', width: 90, align: 'right', responsive: ['md'] },
      {
        title: t('departments.status'),
        dataIndex: 'active',
        width: 90,
        render: (active: boolean) =>
          active ? <Tag color="success">{t('departments.active')}</Tag> : <Tag>{t('departments.inactive')}</Tag>,
      },
    ];
    if (isAdmin) {
      cols.push({
        title: t('common.actions'),
        key: 'actions',
        width: 150,
        render: (_, d) => (
          <Space size={4}>
            <Button
              type="link"
              size="small"
              onClick={() => {
                setEditing(d);
                setFormOpen(true);
              }}
              data-testid={`department-edit-${d.code}`}
            >
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={d.active ? t('departments.confirmDeactivate', { name: d.name }) : t('departments.confirmActivate', { name: d.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => toggleActive(d)}
            >
              <Button type="link" size="small" danger={d.active} loading={busyId === d.id} data-testid={`department-toggle-${d.code}`}>
                {d.active ? t('departments.deactivate') : t('departments.activate')}
              </Button>
            </Popconfirm>
          </Space>
        ),
      });
    }
    return cols;
  })();

  return (
    <div data-testid="departments-page">
      <PageHeader
        title={t('departments.title')}
        description={t('departments.subtitle')}
        extra={
          <Space wrap>
            <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} data-testid="departments-include-inactive">
              {t('departments.includeInactive')}
            </Checkbox>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            {isAdmin && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setFormOpen(true);
                }}
                data-testid="department-create"
              >
                {t('departments.create')}
              </Button>
            )}
          </Space>
        }
      />
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
      <Table<DepartmentRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.departments ?? []}
        loading={fetching && !data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="departments-table"
        rowClassName={(d) => (d.active ? '' : 'row-inactive')}
      />
      <DepartmentFormModal
        open={formOpen}
        department={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(d) => {
          setFormOpen(false);
          void message.success(editing ? t('departments.updated', { name: d.name }) : t('departments.created', { name: d.name }));
          reload();
        }}
      />
    </div>
  );
}
