import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, LeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { OpenDrawPage_PlanQuery } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { recordKey } from '../../lib/ids';
import { formatDate, formatDateTime } from '../../lib/time';
import { ratioText } from '../plans/planLabels';
import { evidenceUrl, failureParams, parseEvidence, type EvidenceView } from './publicDraws';
import { VerifyPanel } from './VerifyPanel';
import { AttemptsTable } from './AttemptsTable';
import { useSession } from '../../auth/session';
import { saveText } from '../../lib/download';
import { openPlanPath } from '../openplans/paths';

// The public list and evidence name a draw by its key; the plan (public once
// published) is looked up by the evidence's plan_uid, and the draw among its
// attempts by that key. A failed attempt has no evidence (nothing of it is
// stored but the attempt, spec §6): its address names the plan (?plan=uid),
// and the page shows the attempt from the plan instead.
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
          code
          name
        }
        items {
          id
          name
        }
      }
      draws {
        ...AttemptsTable_Draw
        entropySource
        commitment
        freezeDigest
        reveal
        seed
        populationSize
      }
    }
  }
`);

type Selection = EvidenceView['selections'][number];
type Stratum = EvidenceView['strata'][number];
type Attempt = NonNullable<OpenDrawPage_PlanQuery['planByUid']>['draws'][number];

function Hash({ value, testid }: { value: string | null | undefined; testid?: string }) {
  return (
    <Typography.Text className="mono hash" copyable={!!value} data-testid={testid}>
      {value || '—'}
    </Typography.Text>
  );
}

/**
 * One draw for the public (/open/draws/:id): its inputs, selections, evidence
 * and the browser verifier, or, for a failed attempt, why it failed; and
 * every attempt of its plan, the failed ones included.
 */
export default function OpenDrawPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const planParam = search.get('plan') ?? '';
  const [ev, setEv] = useState<EvidenceView | null>(null);
  const [evError, setEvError] = useState<string | null>(null);
  const url = evidenceUrl(id);

  const planUid = ev?.plan_uid ?? planParam;
  const [{ data, error, fetching }] = useQuery({ query: OpenDrawPageQuery, variables: { uid: planUid }, pause: !planUid });
  const plan = data?.planByUid;
  const draw = plan?.draws.find((d) => recordKey(d.id) === id);
  const failed = draw?.status === 'FAILED' ? draw : undefined;
  // With the plan named in the address, its attempts say first whether there is any evidence to load.
  const planKnown = !planParam || !!error || (!fetching && data !== undefined);
  const wantEvidence = planKnown && !failed;

  // Signed in, the caller's token goes along: the plan's departments, ADMIN
  // and ANALYST get the whole document, so the browser can check everything.
  const { authFetch } = useSession();
  const loadText = useCallback(async () => {
    const res = await authFetch(url, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.text();
  }, [url, authFetch]);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      saveText(await loadText(), `evidence-${ev?.plan_uid ?? id}.json`);
    } catch (e) {
      setEvError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => {
    if (!wantEvidence) return;
    let live = true;
    setEv(null);
    setEvError(null);
    loadText()
      .then((text) => live && setEv(parseEvidence(text)))
      .catch((e: unknown) => live && setEvError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [loadText, wantEvidence]);

  const departments = plan?.departments.map((d) => d.department) ?? [];
  const failureText = (d: Attempt) => (d.failure ? t('draws.failure', failureParams(d.failure, departments)) : t('draws.drawFailed'));
  const whole = ev?.departments !== undefined;
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


  /** What the plan says about itself, on both kinds of page. */
  const planItems = plan && (
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
  );
  const drawnItem = draw && (
    <Descriptions.Item label={t('draws.drawnAt')}>
      {formatDateTime(draw.drawnAt)} · {t('draws.attempt', { n: draw.attempt })}
    </Descriptions.Item>
  );

  return (
    <div data-testid="open-draw-page">
      <Link to="/open/draws">
        <LeftOutlined /> {t('nav.openDraws')}
      </Link>
      <div className="open-hero">
        <Typography.Title level={2}>{plan?.name ?? (planUid || t('draws.draw'))}</Typography.Title>
        {planUid && (
          <Space wrap>
            <Typography.Text type="secondary" className="mono">
              {planUid}
            </Typography.Text>
            {plan && (
              <Link to={openPlanPath(plan.uid)} data-testid="open-draw-plan-link">
                {t('draws.planPage')}
              </Link>
            )}
          </Space>
        )}
      </div>
      {evError && !failed && <Alert type="error" showIcon title={t('draws.evidenceLoadFailed')} description={evError} style={{ marginBottom: 16 }} />}
      {error && <Alert type="warning" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} style={{ marginBottom: 16 }} />}
      {!ev && !evError && !failed && <Spin />}
      {failed && (
        <>
          <Alert
            type="error"
            showIcon
            title={failureText(failed)}
            description={t('draws.failedExplain')}
            style={{ marginBottom: 16 }}
            data-testid="open-draw-failed"
          />
          <Card variant="borderless" className="open-card" title={t('draws.inputs')}>
            <Descriptions column={1} size="small" bordered data-testid="open-draw-inputs">
              {planItems}
              {drawnItem}
              <Descriptions.Item label={t('draws.commitment')}>
                <Hash value={failed.commitment} testid="open-draw-commitment" />
              </Descriptions.Item>
              <Descriptions.Item label={t('draws.freezeDigest')}>
                <Hash value={failed.freezeDigest} />
              </Descriptions.Item>
              <Descriptions.Item label={t('draws.entropySource')}>{failed.entropySource}</Descriptions.Item>
              <Descriptions.Item label={t('draws.entropy')}>
                <Typography.Text className="mono">{failed.entropy}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('draws.reveal')}>
                <Hash value={failed.reveal} />
              </Descriptions.Item>
              {failed.seed ? (
                <Descriptions.Item label={t('draws.seed')}>
                  <Hash value={failed.seed} />
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('draws.populationSize')}>{failed.populationSize}</Descriptions.Item>
            </Descriptions>
          </Card>
        </>
      )}
      {ev && !failed && (
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
              <Space wrap>
                <Tag color={whole ? 'gold' : 'default'} data-testid="evidence-form">
                  {whole ? t('draws.wholeForm') : t('draws.publicForm')}
                </Tag>
                <Button icon={<DownloadOutlined />} onClick={() => void save()} loading={saving} data-testid="evidence-download">
                  evidence.json
                </Button>
              </Space>
            }
          >
            <Descriptions column={1} size="small" bordered data-testid="open-draw-inputs">
              {planItems}
              {drawnItem}
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
      {plan && plan.draws.length > 0 && (
        <Card variant="borderless" className="open-card" title={t('plans.draws')}>
          <AttemptsTable draws={plan.draws} planUid={plan.uid} departments={departments} currentId={draw?.id} testid="open-plan-draws" />
        </Card>
      )}
    </div>
  );
}
