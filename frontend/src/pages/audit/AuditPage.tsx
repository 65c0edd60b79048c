import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AuditFilter, AuditPage_AuditLogQuery } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { chinaWallClockToRFC3339, formatDateTime } from '../../lib/time';
import { AuditVerificationPanel } from './AuditVerificationPanel';
import { diffChanges, prettyJSON, summarize, truncate } from './changes';
import './audit.css';

const AuditPageQuery = graphql(`
  query AuditPage_AuditLog($first: Int, $after: String, $filter: AuditFilter) {
    auditLog(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          seq
          at
          actorId
          actor
          role
          action
          targetType
          targetId
          before
          after
          requestId
          clientAddress
          prevHash
          hash
        }
      }
    }
  }
`);

type Entry = AuditPage_AuditLogQuery['auditLog']['edges'][number]['node'];

interface FilterValues {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const blank = (s: string | undefined) => s?.trim() || undefined;

/** The form's values as the API's filter; dates are whole days in China time. */
export function toAuditFilter(v: FilterValues): AuditFilter {
  const [start, end] = v.range ?? [null, null];
  return {
    actor: blank(v.actor),
    action: blank(v.action),
    targetType: blank(v.targetType),
    targetId: blank(v.targetId),
    from: start ? chinaWallClockToRFC3339(start.year(), start.month() + 1, start.date()) : undefined,
    // "before this time": the day after the last day chosen
    to: end ? chinaWallClockToRFC3339(end.year(), end.month() + 1, end.date() + 1) : undefined,
  };
}

function ChangesCell({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const changes = summarize(diffChanges(entry.before, entry.after));
  if (changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = changes.slice(0, 2);
  const more = changes.length - shown.length;
  return (
    <div className="audit-changes">
      {shown.map((c, i) => (
        <div key={c.field} className="audit-change">
          <span className="audit-change-field">{c.field}:</span>{' '}
          {c.before !== undefined && <span className="audit-change-before">{truncate(c.before, 24)}</span>}
          {c.before !== undefined && c.after !== undefined && <span className="audit-change-arrow"> → </span>}
          {c.after !== undefined && <span className="audit-change-after">{truncate(c.after, 32)}</span>}
          {i === shown.length - 1 && more > 0 && (
            <Typography.Text type="secondary" className="audit-change-more">
              {' '}
              {t('audit.more', { count: more })}
            </Typography.Text>
          )}
        </div>
      ))}
    </div>
  );
}

function EntryDetails({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  return (
    <div className="audit-details">
      <div className="audit-json-pair">
        <div>
          <div className="audit-json-label">{t('audit.before')}</div>
          <pre className="audit-json">{prettyJSON(entry.before) || '—'}</pre>
        </div>
        <div>
          <div className="audit-json-label">{t('audit.after')}</div>
          <pre className="audit-json">{prettyJSON(entry.after) || '—'}</pre>
        </div>
      </div>
      <dl className="audit-meta">
        <dt>{t('audit.requestId')}</dt>
        <dd className="mono">{entry.requestId}</dd>
        <dt>{t('audit.actorId')}</dt>
        <dd className="mono">{entry.actorId}</dd>
        <dt>{t('audit.clientAddress')}</dt>
        <dd className="mono">{entry.clientAddress ?? '—'}</dd>
        <dt>{t('audit.hash')}</dt>
        <dd className="mono">{entry.hash}</dd>
        <dt>{t('audit.prevHash')}</dt>
        <dd className="mono">{entry.prevHash}</dd>
      </dl>
    </div>
  );
}

/** 审计日志 (ADMIN): the tamper-evident trail, newest first. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const pages = useCursorPages(50);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AuditPageQuery,
    variables: { first: pages.pageSize, after: pages.after, filter },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const conn = data?.auditLog;

  const columns: TableColumnsType<Entry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80, align: 'right', render: (v: number) => <span className="mono">{v}</span> },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 170,
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_, e) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {e.actor}{' '}
          {e.role && (
            <Tag variant="filled" className="audit-role">
              {t(`role.${e.role}`, { defaultValue: e.role })}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <Tag color="geekblue" className="mono">
          {v}
        </Tag>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_, e) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {e.targetType} <Typography.Text className="mono" type="secondary" title={e.targetId}>{truncate(e.targetId, 14)}</Typography.Text>
        </span>
      ),
    },
    { title: t('audit.changes'), key: 'changes', render: (_, e) => <ChangesCell entry={e} /> },
  ];

  return (
    <div data-testid="audit-page">
      <PageHeader
        title={t('audit.title')}
        description={t('audit.subtitle')}
        extra={<Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />}
      />
      <AuditVerificationPanel />
      <Form<FilterValues>
        form={form}
        layout="inline"
        className="audit-filters"
        onFinish={(v) => {
          setFilter(toAuditFilter(v));
          pages.reset();
        }}
        data-testid="audit-filters"
      >
        <Form.Item name="actor">
          <Input placeholder={t('audit.filter.actor')} allowClear style={{ width: 140 }} data-testid="audit-filter-actor" />
        </Form.Item>
        <Form.Item name="action">
          <Input placeholder={t('audit.filter.action')} allowClear style={{ width: 180 }} data-testid="audit-filter-action" />
        </Form.Item>
        <Form.Item name="targetType">
          <Input placeholder={t('audit.filter.targetType')} allowClear style={{ width: 140 }} data-testid="audit-filter-target-type" />
        </Form.Item>
        <Form.Item name="targetId">
          <Input placeholder={t('audit.filter.targetId')} allowClear style={{ width: 180 }} data-testid="audit-filter-target-id" />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
            presets={[
              { label: t('audit.filter.today'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
              { label: t('audit.filter.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
              { label: t('audit.filter.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-filter-submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilter({});
                pages.reset();
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
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
      <Table<Entry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={conn?.edges.map((e) => e.node) ?? []}
        loading={fetching}
        pagination={false}
        scroll={{ x: 960 }}
        expandable={{ expandedRowRender: (e) => <EntryDetails entry={e} /> }}
        data-testid="audit-table"
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
        testid="audit-pager"
      />
    </div>
  );
}
