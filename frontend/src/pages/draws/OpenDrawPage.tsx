import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, LeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage } from '../../graphql/errors';
import { recordKey } from '../../lib/ids';
import { formatDate, formatDateTime } from '../../lib/time';
import { ratioText } from '../plans/planLabels';
import { evidenceUrl, parseEvidence, type EvidenceView } from './publicDraws';
import { VerifyPanel } from './VerifyPanel';

// The public list and evidence name a draw by its key; the plan (public once
// published) is looked up by the evidence's plan_uid, and the draw among its
// attempts by that key.
const OpenDrawPageQuery = graphql(`
  query OpenDrawPage_Plan($uid: String!) {
    planByUid(uid: $uid) {
      id
      uid
      name
      kind
      year
      status
      windowStart
      windowEnd
      initiator {
        id
        name
      }
      departments {
        department {
          id
          name
        }
        items {
          id
          name
        }
      }
      draws {
        id
        attempt
        status
        drawnAt
        entropySource
        entropy
        failure {
          rank
          uid
          department
        }
      }
    }
  }
`);

type Selection = EvidenceView['selections'][number];
type Stratum = EvidenceView['strata'][number];

function Hash({ value, testid }: { value: string | null | undefined; testid?: string }) {
  return (
    <Typography.Text className="mono hash" copyable={!!value} data-testid={testid}>
      {value || '—'}
    </Typography.Text>
  );
}

/** One draw for the public (/open/draws/:id): its inputs, selections, evidence and the browser verifier. */
export default function OpenDrawPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [ev, setEv] = useState<EvidenceView | null>(null);
  const [evError, setEvError] = useState<string | null>(null);
  const url = evidenceUrl(id);

  const loadText = useCallback(async () => {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.text();
  }, [url]);

  useEffect(() => {
    let live = true;
    setEv(null);
    setEvError(null);
    loadText()
      .then((text) => live && setEv(parseEvidence(text)))
      .catch((e: unknown) => live && setEvError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [loadText]);

  const [{ data, error }] = useQuery({ query: OpenDrawPageQuery, variables: { uid: ev?.plan_uid ?? '' }, pause: !ev });
  const plan = data?.planByUid;
  const draw = plan?.draws.find((d) => recordKey(d.id) === id);
  const hasStratum = ev?.selections.some((s) => s.stratum !== undefined) ?? false;
  const hasKey = ev?.selections.some((s) => s.key !== undefined) ?? false;

  const selColumns: TableColumnsType<Selection> = [
    { title: t('draws.rank'), dataIndex: 'rank', width: 70, align: 'right' },
    ...(hasStratum ? [{ title: t('draws.stratum'), dataIndex: 'stratum', width: 80 }] : []),
    { title: t('draws.objectUid'), dataIndex: 'uid', render: (v: string) => <span className="mono">{v}</span> },
    {
      title: t('draws.team'),
      dataIndex: 'team',
      render: (team: string[]) => (
        <Space size={[0, 4]} wrap>
          {team.map((m) => (
            <Tag key={m} className="mono">
              {m}
            </Tag>
          ))}
        </Space>
      ),
    },
    ...(hasKey ? [{ title: t('draws.key'), dataIndex: 'key', render: (v: unknown) => <span className="mono">{String(v ?? '')}</span> }] : []),
  ];
  const strataColumns: TableColumnsType<Stratum> = [
    { title: t('draws.stratum'), dataIndex: 'label' },
    { title: t('plans.rule'), key: 'rule', render: (_, s) => ratioText(s.ratio_bp ?? null, s.count ?? null, t) },
    { title: t('draws.stratumSize'), dataIndex: 'size', align: 'right' },
    { title: t('draws.sampleSize'), dataIndex: 'sample_size', align: 'right' },
  ];

  return (
    <div data-testid="open-draw-page">
      <Link to="/open/draws">
        <LeftOutlined /> {t('nav.openDraws')}
      </Link>
      <div className="open-hero">
        <Typography.Title level={2}>{plan?.name ?? ev?.plan_uid ?? t('draws.draw')}</Typography.Title>
        {ev && (
          <Typography.Text type="secondary" className="mono">
            {ev.plan_uid}
          </Typography.Text>
        )}
      </div>
      {evError && <Alert type="error" showIcon title={t('draws.evidenceLoadFailed')} description={evError} style={{ marginBottom: 16 }} />}
      {error && <Alert type="warning" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} style={{ marginBottom: 16 }} />}
      {!ev && !evError && <Spin />}
      {ev && (
        <>
          <Card variant="borderless" className="open-card" title={t('draws.verifyTitle')}>
            <Typography.Paragraph type="secondary">{t('draws.verifyIntro')}</Typography.Paragraph>
            <VerifyPanel loadText={loadText} />
          </Card>
          <Card
            variant="borderless"
            className="open-card"
            title={t('draws.inputs')}
            extra={
              <a href={url} download={`evidence-${ev.plan_uid}.json`} data-testid="evidence-download">
                <Button icon={<DownloadOutlined />}>evidence.json</Button>
              </a>
            }
          >
            <Descriptions column={1} size="small" bordered data-testid="open-draw-inputs">
              {plan && (
                <>
                  <Descriptions.Item label={t('plans.initiator')}>{plan.initiator.name}</Descriptions.Item>
                  <Descriptions.Item label={t('plans.departments')}>
                    {plan.departments.map((d) => (
                      <div key={d.department.id}>
                        {d.department.name}：{d.items.map((i) => i.name).join('、') || '—'}
                      </div>
                    ))}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('plans.window')}>
                    {formatDate(plan.windowStart)} — {formatDate(plan.windowEnd)}
                  </Descriptions.Item>
                </>
              )}
              {draw && (
                <Descriptions.Item label={t('draws.drawnAt')}>
                  {formatDateTime(draw.drawnAt)} · {t('draws.attempt', { n: draw.attempt })}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('draws.commitment')}>
                <Hash value={ev.commitment} testid="open-draw-commitment" />
              </Descriptions.Item>
              <Descriptions.Item label={t('draws.freezeDigest')}>
                <Hash value={ev.freeze_digest} />
              </Descriptions.Item>
              <Descriptions.Item label={t('draws.entropySource')}>{ev.entropy_source}</Descriptions.Item>
              <Descriptions.Item label={t('draws.entropy')}>
                <Typography.Text className="mono">{ev.entropy}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('draws.reveal')}>
                <Hash value={ev.reveal} />
              </Descriptions.Item>
              <Descriptions.Item label={t('draws.seed')}>
                <Hash value={ev.seed} />
              </Descriptions.Item>
              <Descriptions.Item label={t('draws.populationSize')}>{ev.population_size}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card variant="borderless" className="open-card" title={t('plans.strata')}>
            <Table<Stratum> rowKey="label" size="small" columns={strataColumns} dataSource={ev.strata} pagination={false} />
          </Card>
          <Card variant="borderless" className="open-card" title={t('draws.selections', { count: ev.selections.length })}>
            <Table<Selection>
              rowKey="rank"
              size="small"
              columns={selColumns}
              dataSource={ev.selections}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              data-testid="open-draw-selections"
            />
          </Card>
        </>
      )}
    </div>
  );
}
