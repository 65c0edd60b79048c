import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Empty, Grid, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InspectorDetailDrawer_InspectorQuery } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { INSPECTOR_STATUS_COLORS, enumLabel } from '../../lib/enums';
import { formatDateTime } from '../../lib/time';
import { ConflictDeclareModal, ConflictWithdrawModal } from './ConflictModals';
import type { InspectorRecord } from './form';

export const InspectorDetailFragment = graphql(`
  fragment InspectorDetail_Inspector on Inspector {
    id
    uid
    name
    department {
      id
      code
      name
      shortName
    }
    kind
    organisation
    certificateNumber
    certificateExpiresOn
    qualifications {
      id
      code
      name
    }
    expertise {
      id
      code
      name
    }
    regionCode
    phone
    status
    statusSince
    username
    version
    createdAt
    updatedAt
  }
`);

const InspectorDetailDrawerQuery = graphql(`
  query InspectorDetailDrawer_Inspector($id: ID!) {
    inspector(id: $id) {
      ...InspectorDetail_Inspector
      conflicts {
        object {
          id
          uid
          name
        }
        reason
        declaredAt
      }
      history(first: 50) {
        version
        changedAt
        actor
        source
        changes
      }
    }
  }
`);

type Conflict = NonNullable<NonNullable<InspectorDetailDrawer_InspectorQuery['inspector']>['conflicts']>[number];

const dash = (v: string | null | undefined) => (v ? v : <Typography.Text type="secondary">—</Typography.Text>);

function TagList({ tags, color }: { tags: readonly { id: string; name: string }[]; color: string }) {
  if (tags.length === 0) return dash('');
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag.id} color={color}>
          {tag.name}
        </Tag>
      ))}
    </Space>
  );
}

interface Props {
  inspectorId: string | null;
  onClose: () => void;
  canManage: (departmentId: string) => boolean;
  onEdit: (i: InspectorRecord) => void;
  refreshKey?: number;
}

/** 检查人员详情: qualifications, expertise, certificate, status, account, conflicts (回避) and history. */
export function InspectorDetailDrawer({ inspectorId, onClose, canManage, onEdit, refreshKey = 0 }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: InspectorDetailDrawerQuery,
    variables: { id: inspectorId ?? '' },
    pause: !inspectorId,
    requestPolicy: 'cache-and-network',
  });
  const [declaring, setDeclaring] = useState<{ id: string; name: string } | null>(null);
  const [withdrawing, setWithdrawing] = useState<{ inspectorId: string; objectId: string; objectName: string } | null>(null);
  const [tab, setTab] = useState('details');
  useEffect(() => setTab('details'), [inspectorId]);
  useEffect(() => {
    if (refreshKey > 0 && inspectorId) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, inspectorId, refetch]);

  const p = data?.inspector && data.inspector.id === inspectorId ? data.inspector : null;
  const manage = !!p && canManage(p.department.id);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const conflictColumns = [
    {
      title: t('inspectors.conflictObject'),
      key: 'object',
      render: (_: unknown, c: Conflict) => (
        <div>
          <div>{c.object.name}</div>
          <Typography.Text type="secondary" className="mono">
            {c.object.uid}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('inspectors.conflictReason'), dataIndex: 'reason', key: 'reason' },
    {
      title: t('inspectors.declaredAt'),
      dataIndex: 'declaredAt',
      key: 'declaredAt',
      render: (v: string) => <span className="nowrap">{formatDateTime(v).slice(0, 10)}</span>,
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, c: Conflict) => (
              <Button
                type="link"
                size="small"
                danger
                onClick={() => p && setWithdrawing({ inspectorId: p.id, objectId: c.object.id, objectName: c.object.name })}
                data-testid={`conflict-withdraw-${c.object.uid}`}
              >
                {t('inspectors.withdraw')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open={inspectorId !== null}
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={p ? `${p.name} · ${p.uid}` : t('inspectors.detail')}
      extra={
        manage && p ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(p)} data-testid="inspector-detail-edit">
            {t('common.edit')}
          </Button>
        ) : undefined
      }
      data-testid="inspector-detail"
    >
      {error && (
        <Alert type="error" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!p && fetching && <Skeleton active paragraph={{ rows: 10 }} />}
      {!p && !fetching && data && !error && <Alert type="warning" showIcon title={t('inspectors.notFound')} />}
      {p && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'details',
              label: t('inspectors.tabDetails'),
              children: (
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  layout={screens.sm ? 'horizontal' : 'vertical'}
                  styles={{ label: { width: screens.sm ? 140 : undefined, whiteSpace: 'nowrap' } }}
                  items={[
                    { key: 'uid', label: t('inspectors.uid'), children: <span className="mono">{p.uid}</span> },
                    { key: 'name', label: t('inspectors.name'), children: p.name },
                    { key: 'department', label: t('inspectors.department'), children: p.department.name },
                    { key: 'kind', label: t('inspectors.kind'), children: enumLabel(t, 'InspectorKind', p.kind) },
                    ...(p.kind === 'EXPERT' || p.organisation
                      ? [{ key: 'organisation', label: t('inspectors.organisation'), children: dash(p.organisation) }]
                      : []),
                    {
                      key: 'qualifications',
                      label: t('inspectors.qualifications'),
                      children: <TagList tags={p.qualifications} color="purple" />,
                    },
                    { key: 'expertise', label: t('inspectors.expertise'), children: <TagList tags={p.expertise} color="geekblue" /> },
                    {
                      key: 'certificate',
                      label: t('inspectors.certificate'),
                      children: (
                        <Space orientation="vertical" size={0}>
                          <span className="mono">{p.certificateNumber || '—'}</span>
                          {p.certificateExpiresOn && (
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {t('inspectors.expiresOn', { date: p.certificateExpiresOn })}
                            </Typography.Text>
                          )}
                        </Space>
                      ),
                    },
                    {
                      key: 'status',
                      label: t('inspectors.status'),
                      children: (
                        <Space size={8} wrap>
                          <Tag color={INSPECTOR_STATUS_COLORS[p.status]}>{enumLabel(t, 'InspectorStatus', p.status)}</Tag>
                          {p.statusSince && (
                            <Typography.Text type="secondary">{t('inspectors.since', { date: p.statusSince })}</Typography.Text>
                          )}
                        </Space>
                      ),
                    },
                    { key: 'regionCode', label: t('inspectors.regionCode'), children: dash(p.regionCode) },
                    { key: 'phone', label: t('inspectors.phone'), children: dash(p.phone) },
                    ...(p.conflicts !== null && p.conflicts !== undefined
                      ? [
                          {
                            key: 'username',
                            label: t('inspectors.username'),
                            children: p.username ? (
                              <Tag icon={null}>{p.username}</Tag>
                            ) : (
                              <Typography.Text type="secondary">{t('inspectors.noAccount')}</Typography.Text>
                            ),
                          },
                        ]
                      : []),
                    {
                      key: 'version',
                      label: t('objects.version'),
                      children: t('objects.versionLine', { version: p.version, at: formatDateTime(p.updatedAt) }),
                    },
                  ]}
                />
              ),
            },
            ...(p.conflicts
              ? [
                  {
                    key: 'conflicts',
                    label: (
                      <span data-testid="inspector-conflicts-tab">
                        {t('inspectors.conflicts')} ({p.conflicts.length})
                      </span>
                    ),
                    children: (
                      <div data-testid="inspector-conflicts">
                        <div className="drawer-toolbar">
                          <Typography.Text type="secondary">{t('inspectors.conflictsHint')}</Typography.Text>
                          {manage && (
                            <Button
                              icon={<PlusOutlined />}
                              onClick={() => setDeclaring({ id: p.id, name: p.name })}
                              data-testid="conflict-declare"
                            >
                              {t('inspectors.declare')}
                            </Button>
                          )}
                        </div>
                        {p.conflicts.length === 0 ? (
                          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspectors.noConflicts')} />
                        ) : (
                          <Table<Conflict>
                            rowKey={(c) => c.object.id}
                            size="small"
                            columns={conflictColumns}
                            dataSource={p.conflicts}
                            pagination={false}
                            scroll={{ x: 'max-content' }}
                          />
                        )}
                      </div>
                    ),
                  },
                ]
              : []),
            {
              key: 'history',
              label: t('history.title'),
              children: <HistoryTimeline versions={p.history} entity="inspector" testid="inspector-history" />,
            },
          ]}
        />
      )}
      <ConflictDeclareModal
        inspector={declaring}
        onClose={() => setDeclaring(null)}
        onDone={() => {
          setDeclaring(null);
          void message.success(t('inspectors.declared'));
          reload();
        }}
      />
      <ConflictWithdrawModal
        target={withdrawing}
        onClose={() => setWithdrawing(null)}
        onDone={() => {
          setWithdrawing(null);
          void message.success(t('inspectors.withdrawn'));
          reload();
        }}
      />
    </Drawer>
  );
}
