import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Grid, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ItemDetail_VersionFragment } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { ITEM_STATUS_COLORS, enumLabel } from '../../lib/enums';
import { formatDateTime } from '../../lib/time';
import { CategoryTag, RatioCap } from './ItemsTable';
import './items.css';

export const ItemDetailVersionFragment = graphql(`
  fragment ItemDetail_Version on Item {
    id
    code
    version
    current
    name
    basis
    basisRefs {
      law
      article
    }
    subject
    objectKinds
    content
    method
    category
    ratioCapBp
    qualifications {
      id
      code
      name
    }
    status
    note
    createdAt
    department {
      id
      code
      name
    }
  }
`);

const ItemDetailDrawerQuery = graphql(`
  query ItemDetailDrawer_Item($id: ID!) {
    item(id: $id) {
      ...ItemDetail_Version
      versions {
        ...ItemDetail_Version
      }
    }
  }
`);

export type ItemVersion = ItemDetail_VersionFragment;

/** 《法律》第几条 */
export function formatLegalRef(r: { law: string; article?: string | null }): string {
  const law = /^《.*》$/.test(r.law) ? r.law : `《${r.law}》`;
  return r.article ? `${law}${r.article}` : law;
}

export function ItemVersionDetails({ item }: { item: ItemVersion }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const pre = (text: string) => (text ? <div className="pre-wrap">{text}</div> : <Typography.Text type="secondary">—</Typography.Text>);
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      layout={screens.sm ? 'horizontal' : 'vertical'}
      className="item-details"
      styles={{ label: { width: screens.sm ? 132 : undefined, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'department', label: t('items.department'), children: `${item.department.name}（${item.department.code}）` },
        {
          key: 'code',
          label: t('items.code'),
          children: (
            <Space size={8} wrap>
              <Typography.Text code>{item.code}</Typography.Text>
              <span>v{item.version}</span>
            </Space>
          ),
        },
        { key: 'category', label: t('items.category'), children: <CategoryTag category={item.category} /> },
        { key: 'ratioCap', label: t('items.ratioCap'), children: <RatioCap bp={item.ratioCapBp} /> },
        { key: 'method', label: t('items.method'), children: enumLabel(t, 'InspectionMethod', item.method) },
        {
          key: 'objectKinds',
          label: t('items.objectKinds'),
          children: (
            <Space size={[0, 4]} wrap>
              {item.objectKinds.map((k) => (
                <Tag key={k}>{enumLabel(t, 'ObjectKind', k)}</Tag>
              ))}
            </Space>
          ),
        },
        { key: 'subject', label: t('items.subject'), children: pre(item.subject) },
        { key: 'basis', label: t('items.basis'), children: pre(item.basis) },
        {
          key: 'basisRefs',
          label: t('items.basisRefs'),
          children:
            item.basisRefs.length > 0 ? (
              <ul className="plain-list">
                {item.basisRefs.map((r, i) => (
                  <li key={i}>{formatLegalRef(r)}</li>
                ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
        { key: 'content', label: t('items.content'), children: pre(item.content) },
        {
          key: 'qualifications',
          label: t('items.qualifications'),
          children:
            item.qualifications.length > 0 ? (
              <Space size={[0, 4]} wrap>
                {item.qualifications.map((q) => (
                  <Tag key={q.id} color="purple">
                    {q.name}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('items.noQualifications')}</Typography.Text>
            ),
        },
        {
          key: 'status',
          label: t('items.status'),
          children: <Tag color={ITEM_STATUS_COLORS[item.status]}>{enumLabel(t, 'ItemStatus', item.status)}</Tag>,
        },
        ...(item.note ? [{ key: 'note', label: t('items.note'), children: pre(item.note) }] : []),
        { key: 'createdAt', label: t('items.versionCreatedAt'), children: formatDateTime(item.createdAt) },
      ]}
    />
  );
}

interface Props {
  itemId: string | null;
  onClose: () => void;
  /** Offered when it returns true for the item's department. */
  canEdit?: (departmentId: string) => boolean;
  onEdit?: (current: ItemVersion) => void;
  /** Changes after an edit, to refetch. */
  refreshKey?: number;
}

/** 事项详情: every field of the chosen version, and the versions (newest first), each viewable. */
export function ItemDetailDrawer({ itemId, onClose, canEdit, onEdit, refreshKey = 0 }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ItemDetailDrawerQuery,
    variables: { id: itemId ?? '' },
    pause: !itemId,
    requestPolicy: 'cache-and-network',
  });
  const [shownId, setShownId] = useState<string | null>(null);

  useEffect(() => setShownId(null), [itemId]);
  useEffect(() => {
    if (refreshKey > 0 && itemId) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, itemId, refetch]);

  const item = data?.item;
  const versions = item?.versions ?? [];
  const current = versions.find((v) => v.current) ?? item;
  const shown = versions.find((v) => v.id === shownId) ?? current ?? null;
  const editable = !!(current && onEdit && canEdit?.(current.department.id));

  return (
    <Drawer
      open={itemId !== null}
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={shown ? shown.name : t('items.detail')}
      extra={
        editable && current ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit?.(current)} data-testid="item-detail-edit">
            {t('common.edit')}
          </Button>
        ) : undefined
      }
      data-testid="item-detail"
    >
      {error && (
        <Alert type="error" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!item && fetching && <Skeleton active paragraph={{ rows: 10 }} />}
      {!item && !fetching && !error && data && <Alert type="warning" showIcon title={t('items.notFound')} />}
      {shown && (
        <>
          {!shown.current && (
            <Alert
              type="info"
              showIcon
              title={t('items.viewingOld', { version: shown.version })}
              action={
                <Button size="small" onClick={() => setShownId(null)}>
                  {t('items.backToCurrent')}
                </Button>
              }
              style={{ marginBottom: 12 }}
              data-testid="item-old-version"
            />
          )}
          <ItemVersionDetails item={shown} />
          {versions.length > 0 && (
            <>
              <Typography.Title level={5} className="drawer-section-title">
                {t('items.versions')}
              </Typography.Title>
              <Timeline
                data-testid="item-versions"
                items={versions.map((v) => ({
                  key: v.id,
                  color: v.id === shown.id ? 'blue' : 'gray',
                  content: (
                    <div className="item-version-row">
                      <Space size={8} wrap>
                        <Typography.Text strong={v.id === shown.id}>{t('history.version', { version: v.version })}</Typography.Text>
                        {v.current && <Tag color="blue">{t('items.currentVersion')}</Tag>}
                        <Typography.Text type="secondary">{formatDateTime(v.createdAt)}</Typography.Text>
                      </Space>
                      {v.id === shown.id ? (
                        <Typography.Text type="secondary">{t('items.viewing')}</Typography.Text>
                      ) : (
                        <Button type="link" size="small" onClick={() => setShownId(v.id)} data-testid={`item-version-${v.version}`}>
                          {t('common.view')}
                        </Button>
                      )}
                    </div>
                  ),
                }))}
              />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
