import type { ReactNode } from 'react';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { AttemptsTable_DrawFragment } from '../../gql/graphql';
import { recordKey } from '../../lib/ids';
import { formatDateTime } from '../../lib/time';
import { failureParams, publicDrawPath } from './publicDraws';

export const AttemptsTableFragment = graphql(`
  fragment AttemptsTable_Draw on Draw {
    id
    attempt
    status
    drawnAt
    entropy
    selectionsCount
    failure {
      rank
      uid
      department
    }
  }
`);

interface Props {
  draws: readonly AttemptsTable_DrawFragment[];
  planUid: string;
  /** The plan's departments, to name the one a failure names by code. */
  departments: readonly { code: string; name: string }[];
  /** The attempt the page shows, not linked. */
  currentId?: string;
  /** A last column, e.g. the staff's link to the tasks. */
  extra?: (d: AttemptsTable_DrawFragment) => ReactNode;
  testid?: string;
}

/** Every draw attempt of a plan, failed ones with their reason, each linked to its public page. */
export function AttemptsTable({ draws, planUid, departments, currentId, extra, testid = 'plan-draws' }: Props) {
  const { t } = useTranslation();
  const columns: TableColumnsType<AttemptsTable_DrawFragment> = [
    {
      title: t('draws.attemptShort'),
      key: 'attempt',
      render: (_, d) =>
        d.id === currentId ? (
          <Typography.Text strong className="nowrap">
            {t('draws.attempt', { n: d.attempt })}
          </Typography.Text>
        ) : (
          <Link className="nowrap" to={publicDrawPath(recordKey(d.id), d.status === 'FAILED' ? planUid : undefined)} data-testid="draw-attempt-link">
            {t('draws.attempt', { n: d.attempt })}
          </Link>
        ),
    },
    { title: t('draws.drawnAt'), dataIndex: 'drawnAt', render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
    {
      title: t('plans.status'),
      dataIndex: 'status',
      render: (s: string) => <Tag color={s === 'SUCCEEDED' ? 'success' : 'error'}>{t(`draws.statusOf.${s === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED'}`)}</Tag>,
    },
    { title: <span className="nowrap">{t('draws.entropy')}</span>, dataIndex: 'entropy', responsive: ['sm'], render: (v: string) => <span className="mono nowrap">{v}</span> },
    {
      title: t('draws.result'),
      key: 'result',
      render: (_, d) =>
        d.status === 'FAILED' ? (
          <Typography.Text type="danger" data-testid="draw-failure">
            {d.failure ? t('draws.failure', failureParams(d.failure, departments)) : t('draws.drawFailed')}
          </Typography.Text>
        ) : (
          t('draws.selections', { count: d.selectionsCount })
        ),
    },
    ...(extra ? [{ title: '', key: 'extra', render: (_: unknown, d: AttemptsTable_DrawFragment) => extra(d) }] : []),
  ];
  return (
    <Table<AttemptsTable_DrawFragment>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...draws]}
      pagination={false}
      data-testid={testid}
    />
  );
}
