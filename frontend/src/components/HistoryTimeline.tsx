import { useMemo } from 'react';
import { Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useSession } from '../auth/session';
import { recordKey } from '../lib/ids';
import { diffRows, parseChanges, type DiffRow, type HistoryEntity } from '../lib/history';
import { formatDateTime } from '../lib/time';
import './history.css';

const HistoryTimelineQuery = graphql(`
  query HistoryTimeline_Names {
    departments(includeInactive: true) {
      id
      name
    }
    objectTags: tags(scope: OBJECT) {
      id
      name
    }
    qualificationTags: tags(scope: QUALIFICATION) {
      id
      name
    }
    expertiseTags: tags(scope: EXPERTISE) {
      id
      name
    }
  }
`);

export interface HistoryVersion {
  version: number;
  changedAt: string;
  actor: string;
  source: string;
  changes: string;
}

function Value({ text }: { text: string }) {
  const { t } = useTranslation();
  return text ? <>{text}</> : <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>;
}

function DiffTable({ rows, created }: { rows: DiffRow[]; created: boolean }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Typography.Text type="secondary">{t('history.noChanges')}</Typography.Text>;
  return (
    <table className="history-diff">
      <thead>
        <tr>
          <th>{t('history.field')}</th>
          {created ? (
            <th>{t('history.value')}</th>
          ) : (
            <>
              <th>{t('history.before')}</th>
              <th>{t('history.after')}</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} data-field={r.field}>
            <th scope="row">{r.label}</th>
            {created ? (
              <td>
                <Value text={r.after} />
              </td>
            ) : r.added || r.removed ? (
              <td colSpan={2}>
                {r.removed?.map((n) => (
                  <Tag key={`-${n}`} color="red" className="history-chip">
                    − {n}
                  </Tag>
                ))}
                {r.added?.map((n) => (
                  <Tag key={`+${n}`} color="green" className="history-chip">
                    + {n}
                  </Tag>
                ))}
              </td>
            ) : (
              <>
                <td className="history-before">
                  <Value text={r.before} />
                </td>
                <td className="history-after">
                  <Value text={r.after} />
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A record's versions, newest first, each with what changed field by field.
 * Personal fields are left out for roles that see them masked.
 */
export function HistoryTimeline({
  versions,
  entity,
  testid,
}: {
  versions: readonly HistoryVersion[];
  entity: HistoryEntity;
  testid?: string;
}) {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const [{ data }] = useQuery({ query: HistoryTimelineQuery });
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of data?.departments ?? []) m.set(recordKey(d.id), d.name);
    for (const tag of [...(data?.objectTags ?? []), ...(data?.qualificationTags ?? []), ...(data?.expertiseTags ?? [])]) {
      m.set(recordKey(tag.id), tag.name);
    }
    return m;
  }, [data]);
  const hidePersonal = !hasRole('ADMIN', 'DEPT_ADMIN');

  if (versions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.none')} />;

  return (
    <Timeline
      className="history-timeline"
      data-testid={testid}
      items={versions.map((v) => {
        const changes = parseChanges(v.changes);
        const rows = diffRows(changes, { t, entity, names, hidePersonal });
        return {
          key: v.version,
          color: changes.created ? 'green' : 'blue',
          content: (
            <div className="history-version" data-testid={testid ? `${testid}-v${v.version}` : undefined}>
              <span className="history-head">
                <Typography.Text strong>{t('history.version', { version: v.version })}</Typography.Text>
                <Tag color={changes.created ? 'green' : 'blue'} variant="filled">
                  {changes.created ? t('history.created') : t('history.updated', { count: rows.length })}
                </Tag>
              </span>
              <Typography.Text type="secondary" className="history-meta">
                {formatDateTime(v.changedAt)} ·{' '}
                {t('history.by', { actor: v.actor, source: t(`history.source.${v.source}`, { defaultValue: v.source }) })}
              </Typography.Text>
              {changes.raw !== undefined ? (
                <pre className="history-raw">{changes.raw}</pre>
              ) : (
                <DiffTable rows={rows} created={changes.created} />
              )}
            </div>
          ),
        };
      })}
    />
  );
}
