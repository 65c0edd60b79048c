import { Alert, Button, Descriptions, Drawer, Grid, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage } from '../../graphql/errors';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { RISK_COLORS, enumLabel } from '../../lib/enums';
import { formatDateTime } from '../../lib/time';
import type { ObjectRecord } from './form';

export const ObjectDetailFragment = graphql(`
  fragment ObjectDetail_Object on InspectionObject {
    id
    uid
    kind
    name
    legalRepresentative
    address
    regionCode
    industryCode
    registrationStatus
    riskClass
    riskChangedAt
    riskSource
    tags {
      id
      code
      name
    }
    supervisingDepartments {
      id
      code
      name
      shortName
    }
    contactName
    contactPhone
    active
    version
    createdAt
    updatedAt
  }
`);

const ObjectDetailDrawerQuery = graphql(`
  query ObjectDetailDrawer_Object($id: ID!) {
    object(id: $id) {
      ...ObjectDetail_Object
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

export function RiskTag({ risk }: { risk: ObjectRecord['riskClass'] }) {
  const { t } = useTranslation();
  if (!risk) return <Typography.Text type="secondary">{t('objects.noRisk')}</Typography.Text>;
  return <Tag color={RISK_COLORS[risk]}>{enumLabel(t, 'RiskClass', risk)}</Tag>;
}

const dash = (v: string | null | undefined) => (v ? v : <Typography.Text type="secondary">—</Typography.Text>);

interface Props {
  objectId: string | null;
  onClose: () => void;
  canEdit: (o: ObjectRecord) => boolean;
  onEdit: (o: ObjectRecord) => void;
  refreshKey?: number;
}

/** 检查对象详情: every field, the risk class and where it came from, tags, supervisors, and the history. */
export function ObjectDetailDrawer({ objectId, onClose, canEdit, onEdit, refreshKey = 0 }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ObjectDetailDrawerQuery,
    variables: { id: objectId ?? '' },
    pause: !objectId,
    requestPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (refreshKey > 0 && objectId) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, objectId, refetch]);
  const o = data?.object && data.object.id === objectId ? data.object : null;

  return (
    <Drawer
      open={objectId !== null}
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={o ? o.name : t('objects.detail')}
      extra={
        o && canEdit(o) ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(o)} data-testid="object-detail-edit">
            {t('common.edit')}
          </Button>
        ) : undefined
      }
      data-testid="object-detail"
    >
      {error && (
        <Alert type="error" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!o && fetching && <Skeleton active paragraph={{ rows: 10 }} />}
      {!o && !fetching && data && !error && <Alert type="warning" showIcon title={t('objects.notFound')} />}
      {o && (
        <Tabs
          items={[
            {
              key: 'details',
              label: t('objects.tabDetails'),
              children: (
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  layout={screens.sm ? 'horizontal' : 'vertical'}
                  styles={{ label: { width: screens.sm ? 140 : undefined, whiteSpace: 'nowrap' } }}
                  data-testid="object-fields"
                  items={[
                    {
                      key: 'uid',
                      label: t('objects.uid'),
                      children: (
                        <Typography.Text copyable className="mono">
                          {o.uid}
                        </Typography.Text>
                      ),
                    },
                    { key: 'kind', label: t('objects.kind'), children: enumLabel(t, 'ObjectKind', o.kind) },
                    { key: 'name', label: t('objects.name'), children: o.name },
                    { key: 'legalRepresentative', label: t('objects.legalRepresentative'), children: dash(o.legalRepresentative) },
                    { key: 'address', label: t('objects.address'), children: dash(o.address) },
                    { key: 'regionCode', label: t('objects.regionCode'), children: dash(o.regionCode) },
                    { key: 'industryCode', label: t('objects.industryCode'), children: dash(o.industryCode) },
                    { key: 'registrationStatus', label: t('objects.registrationStatus'), children: dash(o.registrationStatus) },
                    {
                      key: 'risk',
                      label: t('objects.riskClass'),
                      children: (
                        <Space orientation="vertical" size={2}>
                          <RiskTag risk={o.riskClass} />
                          {o.riskClass && (
                            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="object-risk-source">
                              {t('objects.riskSince', { source: o.riskSource || '—', at: formatDateTime(o.riskChangedAt) || '—' })}
                            </Typography.Text>
                          )}
                        </Space>
                      ),
                    },
                    {
                      key: 'tags',
                      label: t('objects.tags'),
                      children:
                        o.tags.length > 0 ? (
                          <Space size={[0, 4]} wrap>
                            {o.tags.map((tag) => (
                              <Tag key={tag.id} color="cyan">
                                {tag.name}
                              </Tag>
                            ))}
                          </Space>
                        ) : (
                          dash('')
                        ),
                    },
                    {
                      key: 'departments',
                      label: t('objects.supervisingDepartments'),
                      children: o.supervisingDepartments.length > 0 ? o.supervisingDepartments.map((d) => d.name).join('、') : dash(''),
                    },
                    { key: 'contactName', label: t('objects.contactName'), children: dash(o.contactName) },
                    { key: 'contactPhone', label: t('objects.contactPhone'), children: dash(o.contactPhone) },
                    {
                      key: 'active',
                      label: t('objects.status'),
                      children: o.active ? <Tag color="success">{t('objects.active')}</Tag> : <Tag>{t('objects.inactive')}</Tag>,
                    },
                    {
                      key: 'version',
                      label: t('objects.version'),
                      children: t('objects.versionLine', { version: o.version, at: formatDateTime(o.updatedAt) }),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'history',
              label: <span data-testid="object-history-tab">{t('history.title')}</span>,
              children: <HistoryTimeline versions={o.history} entity="object" testid="object-history" />,
            },
          ]}
        />
      )}
    </Drawer>
  );
}
