import { useState } from 'react';
import { Alert, App, Button, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Role, UserFilter } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../auth/session';
import { ROLE_COLORS, ROLES } from './roles';
import { UserFormModal, type UserRow } from './UserFormModal';
import { ResetPasswordModal } from './ResetPasswordModal';

const UsersPageQuery = graphql(`
  query UsersPage_Users($first: Int, $after: String, $filter: UserFilter) {
    users(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          username
          displayName
          role
          department {
            id
            code
            name
          }
          phone
          email
          disabled
          lastLoginAt
          createdAt
        }
      }
    }
  }
`);

const UsersPageSetDisabledMutation = graphql(`
  mutation UsersPage_SetDisabled($id: ID!, $disabled: Boolean!) {
    setUserDisabled(id: $id, disabled: $disabled) {
      id
      disabled
      updatedAt
    }
  }
`);

type Status = 'all' | 'enabled' | 'disabled';

/** 用户 (ADMIN): who may sign in, with which role. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user: me } = useSession();
  const pages = useCursorPages();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [status, setStatus] = useState<Status>('all');

  const filter: UserFilter = {
    search: search.trim() || undefined,
    role,
    departmentId,
    disabled: status === 'all' ? undefined : status === 'disabled',
  };
  const [{ data, fetching, error }, refetch] = useQuery({
    query: UsersPageQuery,
    variables: { first: pages.pageSize, after: pages.after, filter },
    requestPolicy: 'cache-and-network',
  });
  const [, setDisabled] = useMutation(UsersPageSetDisabledMutation);
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const changeFilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    pages.reset();
  };

  const toggleDisabled = async (u: UserRow) => {
    const res = await setDisabled({ id: u.id, disabled: !u.disabled });
    if (res.error) {
      void message.error(errorMessage(res.error, t));
      return;
    }
    void message.success(u.disabled ? t('users.enabled', { name: u.username }) : t('users.disabledDone', { name: u.username }));
    reload();
  };

  const columns: TableColumnsType<UserRow> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      fixed: 'left',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{t(`role.${r}`)}</Tag>,
    },
    {
      title: t('users.department'),
      key: 'department',
      render: (_, u) => u.department?.name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('users.phone'), dataIndex: 'phone', render: (v: string | null) => v || '—', responsive: ['md'] },
    { title: t('users.email'), dataIndex: 'email', render: (v: string | null) => v || '—', responsive: ['lg'] },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      render: (d: boolean) => (d ? <Tag color="default">{t('users.statusDisabled')}</Tag> : <Tag color="success">{t('users.statusEnabled')}</Tag>),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      responsive: ['lg'],
      render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap={false}>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setEditing(u);
              setFormOpen(true);
            }}
          >
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(u)}>
            {t('users.resetPassword')}
          </Button>
          <Popconfirm
            title={u.disabled ? t('users.confirmEnable', { name: u.username }) : t('users.confirmDisable', { name: u.username })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => toggleDisabled(u)}
            disabled={u.id === me?.id}
          >
            <Button type="link" size="small" danger={!u.disabled} disabled={u.id === me?.id}>
              {u.disabled ? t('users.enable') : t('users.disable')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const conn = data?.users;
  return (
    <div data-testid="users-page">
      <PageHeader
        title={t('users.title')}
        description={t('users.subtitle')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
              data-testid="user-create"
            >
              {t('users.create')}
            </Button>
          </Space>
        }
      />
      <div className="filter-bar">
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          onSearch={changeFilter(setSearch)}
          style={{ width: 240 }}
          data-testid="users-search"
        />
        <Select<Role>
          allowClear
          placeholder={t('users.allRoles')}
          value={role}
          onChange={changeFilter(setRole)}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          style={{ width: 170 }}
        />
        <DepartmentSelect value={departmentId} onChange={changeFilter(setDepartmentId)} placeholder={t('users.allDepartments')} style={{ width: 220 }} />
        <Select<Status>
          value={status}
          onChange={changeFilter(setStatus)}
          options={[
            { value: 'all', label: t('users.allStatuses') },
            { value: 'enabled', label: t('users.statusEnabled') },
            { value: 'disabled', label: t('users.statusDisabled') },
          ]}
          style={{ width: 120 }}
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
      <Table<UserRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={conn?.edges.map((e) => e.node) ?? []}
        loading={fetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(u) => (u.disabled ? 'row-inactive' : '')}
        data-testid="users-table"
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
        testid="users-pager"
      />
      <UserFormModal
        open={formOpen}
        user={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(name) => {
          setFormOpen(false);
          void message.success(editing ? t('users.updated', { name }) : t('users.created', { name }));
          reload();
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          void message.success(t('users.resetDone', { name: resetting?.username ?? '' }));
          setResetting(null);
        }}
      />
    </div>
  );
}
