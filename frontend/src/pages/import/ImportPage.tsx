import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Radio, Space, Table, Tag, Tooltip, Typography, Upload, type TableColumnsType } from 'antd';
import { CloudUploadOutlined, FileExcelOutlined, FileTextOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ImportKind, ImportPage_JobsQuery } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { IMPORT_KINDS, IMPORT_STATUS_COLORS, enumLabel } from '../../lib/enums';
import { formatDateTime } from '../../lib/time';
import { ImportJobView, formatBytes } from './ImportJobView';
import { checkImportFile, templateUrl } from './files';
import './import.css';

const ImportPageStartMutation = graphql(`
  mutation ImportPage_Start($kind: ImportKind!, $file: Upload!, $dryRun: Boolean, $allOrNothing: Boolean) {
    startImport(kind: $kind, file: $file, dryRun: $dryRun, allOrNothing: $allOrNothing) {
      ...ImportJobView_Job
    }
  }
`);

const ImportPageJobsQuery = graphql(`
  query ImportPage_Jobs($first: Int, $after: String) {
    importJobs(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ImportJobView_Job
        }
      }
    }
  }
`);

type JobRow = ImportPage_JobsQuery['importJobs']['edges'][number]['node'];

/** The file last sent, kept so a dry run can be repeated for real. */
interface Sent {
  jobId: string;
  kind: ImportKind;
  file: File;
  allOrNothing: boolean;
}

/** 批量导入 (ADMIN, DEPT_ADMIN): objects, inspectors or items from CSV or XLSX, as a durable job. */
export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [kind, setKind] = useState<ImportKind>('OBJECTS');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [start, startImport] = useMutation(ImportPageStartMutation);
  const pages = useCursorPages(20);
  const [jobs, refetchJobs] = useQuery({
    query: ImportPageJobsQuery,
    variables: { first: pages.pageSize, after: pages.after },
    requestPolicy: 'cache-and-network',
  });

  const openJob = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('job', id);
    else next.delete('job');
    setParams(next);
  };

  const run = async (k: ImportKind, f: File, dry: boolean, all: boolean) => {
    setStartError(null);
    const res = await startImport({ kind: k, file: f, dryRun: dry, allOrNothing: all });
    if (res.error || !res.data) {
      setStartError(res.error ? errorMessage(res.error, t) : t('import.startFailed'));
      return;
    }
    const job = res.data.startImport;
    setSent({ jobId: job.id, kind: k, file: f, allOrNothing: all });
    openJob(job.id);
    void message.success(dry ? t('import.dryRunStarted') : t('import.started'));
    refetchJobs({ requestPolicy: 'network-only' });
  };

  const onFinished = useCallback(() => refetchJobs({ requestPolicy: 'network-only' }), [refetchJobs]);

  const columns: TableColumnsType<JobRow> = [
    {
      title: t('import.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['sm'],
      render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span>,
    },
    {
      title: t('import.kind'),
      dataIndex: 'kind',
      responsive: ['sm'],
      render: (k: ImportKind) => <span className="nowrap">{enumLabel(t, 'ImportKind', k)}</span>,
    },
    {
      title: t('import.file'),
      key: 'file',
      render: (_, j) => (
        <div className="import-file-cell">
          <span>{j.fileName}</span>
          <Typography.Text type="secondary" className="import-file-time">
            {formatDateTime(j.createdAt)}
          </Typography.Text>
          <Space size={4}>
            {j.dryRun && <Tag color="gold">{t('import.dryRunTag')}</Tag>}
            {j.allOrNothing && <Tag color="purple">{t('import.allOrNothingTag')}</Tag>}
          </Space>
        </div>
      ),
    },
    {
      title: t('import.status'),
      dataIndex: 'status',
      render: (s: JobRow['status']) => <Tag color={IMPORT_STATUS_COLORS[s]}>{enumLabel(t, 'ImportStatus', s)}</Tag>,
    },
    {
      title: t('import.counts'),
      key: 'counts',
      responsive: ['md'],
      render: (_, j) => (
        <Tooltip title={t('import.countsHint')}>
          <span className="import-counts nowrap">
            <span className="c-created">+{j.created}</span> / <span className="c-updated">~{j.updated}</span> / {j.unchanged} /{' '}
            <span className={j.rejected > 0 ? 'c-rejected' : ''}>✕{j.rejected}</span>
          </span>
        </Tooltip>
      ),
    },
    { title: t('import.createdBy'), dataIndex: 'createdBy', responsive: ['lg'] },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, j) => (
        <Button type="link" size="small" onClick={() => openJob(j.id)} disabled={j.id === jobId} data-testid={`import-job-open-${j.id}`}>
          {j.id === jobId ? t('import.shown') : t('common.view')}
        </Button>
      ),
    },
  ];

  const conn = jobs.data?.importJobs;
  return (
    <div data-testid="import-page">
      <PageHeader title={t('import.title')} description={t('import.subtitle')} />
      <Card className="import-card" title={t('import.newImport')}>
        <div className="import-form">
          <div className="import-field">
            <div className="import-label">{t('import.kind')}</div>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as ImportKind)}
              optionType="button"
              buttonStyle="solid"
              options={IMPORT_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'ImportKind', k) }))}
              data-testid="import-kind"
            />
          </div>
          <div className="import-field">
            <div className="import-label">{t('import.template')}</div>
            <Space wrap>
              <a href={templateUrl(kind, 'xlsx')} download data-testid="import-template-xlsx">
                <FileExcelOutlined /> {t('import.templateXlsx')}
              </a>
              <a href={templateUrl(kind, 'csv')} download data-testid="import-template-csv">
                <FileTextOutlined /> {t('import.templateCsv')}
              </a>
              <Typography.Text type="secondary">{t('import.templateHint')}</Typography.Text>
            </Space>
          </div>
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            fileList={file ? [{ uid: 'file', name: `${file.name}（${formatBytes(file.size)}）`, status: 'done' }] : []}
            beforeUpload={(f) => {
              const problem = checkImportFile(f);
              if (problem) {
                void message.error(t(`import.fileProblem.${problem}`));
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              setStartError(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              return true;
            }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.dropHere')}</p>
            <p className="ant-upload-hint">{t('import.fileHint')}</p>
          </Upload.Dragger>
          <div className="import-options">
            <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run">
              {t('import.dryRun')}
            </Checkbox>
            <Checkbox checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} data-testid="import-all-or-nothing">
              {t('import.allOrNothing')}
            </Checkbox>
          </div>
          {startError && <Alert type="error" showIcon title={startError} data-testid="import-start-error" />}
          <div>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={!file}
              loading={start.fetching}
              onClick={() => file && void run(kind, file, dryRun, allOrNothing)}
              data-testid="import-start"
            >
              {dryRun ? t('import.startDryRun') : t('import.start')}
            </Button>
          </div>
        </div>
      </Card>

      {jobId && (
        <section className="import-section">
          <div className="import-section-head">
            <Typography.Title level={5}>{t('import.jobTitle')}</Typography.Title>
            <Button size="small" onClick={() => openJob(null)}>
              {t('common.close')}
            </Button>
          </div>
          <ImportJobView
            key={jobId}
            jobId={jobId}
            onFinished={onFinished}
            runningForReal={start.fetching}
            onRunForReal={sent && sent.jobId === jobId ? () => void run(sent.kind, sent.file, false, sent.allOrNothing) : undefined}
          />
        </section>
      )}

      <section className="import-section">
        <div className="import-section-head">
          <Typography.Title level={5}>{t('import.recent')}</Typography.Title>
          <Button
            size="small"
            icon={<ReloadOutlined />}
            onClick={() => refetchJobs({ requestPolicy: 'network-only' })}
            aria-label={t('common.refresh')}
          />
        </div>
        {jobs.error && (
          <Alert
            type="error"
            showIcon
            title={t('common.loadFailed')}
            description={errorMessage(jobs.error, t)}
            style={{ marginBottom: 12 }}
          />
        )}
        <Table<JobRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={conn?.edges.map((e) => e.node) ?? []}
          loading={jobs.fetching && !jobs.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(j) => (j.id === jobId ? 'row-selected' : '')}
          locale={{ emptyText: t('import.noJobs') }}
          data-testid="import-jobs-table"
        />
        {conn && (conn.pageInfo.hasNextPage || pages.page > 1) && (
          <CursorPager
            page={pages.page}
            pageSize={pages.pageSize}
            totalCount={undefined}
            hasNextPage={conn.pageInfo.hasNextPage}
            loading={jobs.fetching}
            onPrev={pages.prev}
            onNext={() => pages.next(conn.pageInfo.endCursor)}
            onPageSizeChange={pages.setPageSize}
            testid="import-jobs-pager"
          />
        )}
      </section>
    </div>
  );
}
