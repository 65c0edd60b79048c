import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Grid, Progress, Space, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ImportJobView_ErrorsQuery, ImportJobView_JobQuery } from '../../gql/graphql';
import { errorCode, errorMessage } from '../../graphql/errors';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { IMPORT_STATUS_COLORS, enumLabel } from '../../lib/enums';
import { formatDateTime } from '../../lib/time';
import { isTerminal, pollImportJob } from './poller';

export const ImportJobFragment = graphql(`
  fragment ImportJobView_Job on ImportJob {
    id
    kind
    fileName
    fileSize
    status
    dryRun
    allOrNothing
    totalRows
    processedRows
    created
    updated
    unchanged
    rejected
    message
    createdBy
    createdAt
    startedAt
    finishedAt
  }
`);

const ImportJobViewJobQuery = graphql(`
  query ImportJobView_Job($id: ID!) {
    importJob(id: $id) {
      ...ImportJobView_Job
    }
  }
`);

const ImportJobViewErrorsQuery = graphql(`
  query ImportJobView_Errors($id: ID!, $first: Int, $after: String) {
    importJob(id: $id) {
      id
      errors(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            row
            column
            code
            message
          }
        }
      }
    }
  }
`);

export type ImportJob = NonNullable<ImportJobView_JobQuery['importJob']>;
type RowError = NonNullable<ImportJobView_ErrorsQuery['importJob']>['errors']['edges'][number]['node'];

/** "2.4 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A look at the job that is not worth repeating. */
class FatalLook extends Error {}

/** Polls the job until it ends; then the job stays as it was last seen. */
function useImportJob(id: string) {
  const client = useClient();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  useEffect(() => {
    setJob(null);
    setError(null);
    return pollImportJob<ImportJob>({
      fetchJob: async () => {
        const res = await client.query(ImportJobViewJobQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
        if (res.error) {
          const code = errorCode(res.error);
          const Err = code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'BAD_USER_INPUT' ? FatalLook : Error;
          throw new Err(errorMessage(res.error, t));
        }
        if (!res.data?.importJob) throw new FatalLook(t('import.jobNotFound'));
        return res.data.importJob;
      },
      onUpdate: (j) => {
        setError(null);
        setJob(j);
      },
      onError: (err, giveUp) => {
        if (giveUp) setError(err instanceof Error ? err.message : String(err));
      },
      fatal: (err) => err instanceof FatalLook,
    });
  }, [client, id, t]);
  return { job, error };
}

function stepIndex(job: ImportJob): number {
  switch (job.status) {
    case 'QUEUED':
      return 1;
    case 'RUNNING':
      return 2;
    default:
      return 3;
  }
}

function ErrorsTable({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().sm !== false;
  const pages = useCursorPages(100);
  const [{ data, fetching, error }] = useQuery({
    query: ImportJobViewErrorsQuery,
    variables: { id: jobId, first: pages.pageSize, after: pages.after },
  });
  const conn = data?.importJob?.errors;
  return (
    <Card
      title={t('import.rowErrors')}
      size="small"
      className="import-card"
      extra={conn ? <Typography.Text type="secondary">{t('import.rowErrorsCount', { count: conn.totalCount })}</Typography.Text> : null}
      data-testid="import-errors"
    >
      {error && <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 12 }} />}
      <Table<RowError>
        rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
        size="small"
        loading={fetching}
        dataSource={conn?.edges.map((e) => e.node) ?? []}
        pagination={false}
        data-testid="import-errors-table"
        columns={[
          { title: t('import.row'), dataIndex: 'row', align: 'right', width: 72, render: (v: number) => <span className="mono">{v}</span> },
          ...(wide
            ? [{ title: t('import.column'), dataIndex: 'column', render: (v: string) => <span className="nowrap">{v || '—'}</span> }]
            : []),
          { title: t('import.code'), dataIndex: 'code', responsive: ['md'], render: (v: string) => <Tag className="mono">{v}</Tag> },
          {
            title: t('import.message'),
            dataIndex: 'message',
            render: (v: string, e: RowError) => (
              <span className="import-error-message">
                {!wide && e.column && <Typography.Text strong>{e.column}：</Typography.Text>}
                {v}
              </span>
            ),
          },
        ]}
      />
      {conn && (conn.pageInfo.hasNextPage || pages.page > 1) && (
        <CursorPager
          page={pages.page}
          pageSize={pages.pageSize}
          totalCount={conn.totalCount}
          hasNextPage={conn.pageInfo.hasNextPage}
          loading={fetching}
          onPrev={pages.prev}
          onNext={() => pages.next(conn.pageInfo.endCursor)}
          onPageSizeChange={pages.setPageSize}
          testid="import-errors-pager"
        />
      )}
    </Card>
  );
}

interface Props {
  jobId: string;
  /** Offered after a dry run whose file is still at hand: import it for real. */
  onRunForReal?: () => void;
  runningForReal?: boolean;
  onFinished?: (job: ImportJob) => void;
}

/** One import: progress while it runs, then the counts and the rejected rows. */
export function ImportJobView({ jobId, onRunForReal, runningForReal, onFinished }: Props) {
  const { t } = useTranslation();
  const { job, error } = useImportJob(jobId);
  const screens = Grid.useBreakpoint();
  const done = job ? isTerminal(job.status) : false;

  const reported = useRef<string | null>(null);
  useEffect(() => {
    // once per finished job
    if (job && done && reported.current !== job.id) {
      reported.current = job.id;
      onFinished?.(job);
    }
  }, [job, done, onFinished]);

  if (error && !job) return <Alert type="error" showIcon title={t('common.loadFailed')} description={error} />;
  if (!job) {
    return (
      <Card className="import-card" loading>
        <div style={{ height: 120 }} />
      </Card>
    );
  }

  const percent = job.totalRows > 0 ? Math.round((job.processedRows / job.totalRows) * 100) : done ? 100 : 0;
  const failed = job.status === 'FAILED';

  return (
    <div data-testid="import-job" data-status={job.status}>
      <Card
        className="import-card"
        title={
          <Space size={8} wrap>
            <span>{job.fileName}</span>
            <Tag color={IMPORT_STATUS_COLORS[job.status]} data-testid="import-job-status">
              {enumLabel(t, 'ImportStatus', job.status)}
            </Tag>
            {job.dryRun && <Tag color="gold">{t('import.dryRunTag')}</Tag>}
            {job.allOrNothing && <Tag color="purple">{t('import.allOrNothingTag')}</Tag>}
          </Space>
        }
      >
        {screens.sm !== false && (
          <Steps
            size="small"
            current={stepIndex(job)}
            status={failed ? 'error' : done ? 'finish' : 'process'}
            items={[
              { title: t('import.stepUpload') },
              { title: t('import.stepQueued') },
              { title: job.dryRun ? t('import.stepChecking') : t('import.stepWriting') },
              { title: failed ? t('import.stepFailed') : t('import.stepDone') },
            ]}
            className="import-steps"
          />
        )}
        <Progress
          percent={percent}
          status={failed ? 'exception' : done ? 'success' : 'active'}
          format={() => (job.totalRows > 0 ? `${job.processedRows} / ${job.totalRows}` : done ? t('import.noRows') : t('import.waiting'))}
          data-testid="import-progress"
        />
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          className="import-meta"
          items={[
            { key: 'kind', label: t('import.kind'), children: enumLabel(t, 'ImportKind', job.kind) },
            { key: 'size', label: t('import.fileSize'), children: formatBytes(job.fileSize) },
            { key: 'by', label: t('import.createdBy'), children: job.createdBy },
            { key: 'at', label: t('import.createdAt'), children: formatDateTime(job.createdAt) },
          ]}
        />
      </Card>
      {done && (
        <>
          <div className="import-stats">
            {(
              [
                ['totalRows', job.totalRows, undefined],
                ['created', job.created, '#389e0d'],
                ['updated', job.updated, '#1f5fbf'],
                ['unchanged', job.unchanged, undefined],
                ['rejected', job.rejected, job.rejected > 0 ? '#cf1322' : undefined],
              ] as const
            ).map(([key, value, color]) => (
              <Card key={key} size="small" className="import-stat" data-testid={`import-stat-${key}`}>
                <Statistic
                  title={job.dryRun && key !== 'totalRows' && key !== 'rejected' ? t(`import.would.${key}`) : t(`import.stat.${key}`)}
                  value={value}
                  styles={color ? { content: { color } } : undefined}
                />
              </Card>
            ))}
          </div>
          <Alert
            type={failed ? 'error' : job.rejected > 0 ? 'warning' : 'success'}
            showIcon
            title={job.message || enumLabel(t, 'ImportStatus', job.status)}
            description={
              job.dryRun ? t('import.dryRunDone') : job.allOrNothing && job.rejected > 0 ? t('import.allOrNothingRejected') : undefined
            }
            action={
              job.dryRun && onRunForReal && !failed ? (
                <Button
                  type="primary"
                  icon={<CloudUploadOutlined />}
                  onClick={onRunForReal}
                  loading={runningForReal}
                  data-testid="import-run-for-real"
                >
                  {t('import.runForReal')}
                </Button>
              ) : undefined
            }
            className="import-result"
            data-testid="import-result"
          />
          {job.rejected > 0 && <ErrorsTable jobId={job.id} />}
        </>
      )}
      {error && (
        <Alert
          type="warning"
          showIcon
          title={error}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => window.location.reload()}>
              {t('error.reload')}
            </Button>
          }
          style={{ marginTop: 12 }}
        />
      )}
    </div>
  );
}
