import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Modal, Space, Spin, Steps, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FullscreenOutlined, LeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import type { DrawCeremony_DrawMutation } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { recordKey } from '../../lib/ids';
import { failureParams, publicDrawPath } from '../draws/publicDraws';
import { PlanStatusTag } from './PlansPage';
import { STAGES, stageSteps, stepsState, type StageEvent } from './stages';
import './plans.css';

const DrawCeremonyPlanQuery = graphql(`
  query DrawCeremony_Plan($id: ID!) {
    plan(id: $id) {
      id
      uid
      name
      status
      commitment
      freezeDigest
      entropySource
      populationSize
      departments {
        department {
          id
          code
          name
        }
      }
    }
  }
`);

const DrawCeremonyProgressSubscription = graphql(`
  subscription DrawCeremony_Progress($planId: ID!) {
    drawProgress(planId: $planId) {
      attempt
      stage
      at
      detail
    }
  }
`);

const DrawCeremonyDrawMutation = graphql(`
  mutation DrawCeremony_Draw($id: ID!, $entropy: String!) {
    drawPlan(id: $id, entropy: $entropy) {
      id
      attempt
      status
      commitment
      freezeDigest
      entropySource
      entropy
      reveal
      seed
      populationSize
      selectionsCount
      failure {
        rank
        uid
        department
      }
      plan {
        id
        status
        commitment
        freezeDigest
      }
      tasks(first: 500) {
        totalCount
        edges {
          node {
            id
            rank
            object {
              id
              uid
              name
            }
            team {
              inspector {
                id
                uid
                name
              }
              department {
                id
                name
              }
            }
            itemsByDepartment {
              department {
                id
                name
              }
              items {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

type DrawResult = DrawCeremony_DrawMutation['drawPlan'];
type TaskRow = DrawResult['tasks']['edges'][number]['node'];

/** 抽取仪式 (/plans/:id/draw): the room watches the draw of a frozen plan happen. */
export default function DrawCeremonyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: DrawCeremonyPlanQuery, variables: { id }, requestPolicy: 'network-only' });
  const [events, setEvents] = useState<StageEvent[]>([]);
  const [sub] = useSubscription({ query: DrawCeremonyProgressSubscription, variables: { planId: id }, pause: !data?.plan }, (old: StageEvent[] | undefined, r) => [
    ...(old ?? []),
    r.drawProgress,
  ]);
  const [drawState, draw] = useMutation(DrawCeremonyDrawMutation);
  const [entropy, setEntropy] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<DrawResult | null>(null);
  const [drawError, setDrawError] = useState<string | null>(null);
  const plan = data?.plan;

  useEffect(() => {
    if (sub.data) setEvents(sub.data);
  }, [sub.data]);

  const start = async () => {
    setConfirming(false);
    setDrawError(null);
    setEvents([]);
    const r = await draw({ id, entropy: entropy.trim() });
    if (r.error) setDrawError(errorMessage(r.error, t));
    if (r.data?.drawPlan) setResult(r.data.drawPlan);
    refetch({ requestPolicy: 'network-only' });
  };

  if (!plan) {
    return (
      <div data-testid="draw-ceremony">
        {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} /> : fetching ? <Spin /> : <Alert type="warning" title={t('plans.notFound')} />}
      </div>
    );
  }

  // The stages of this attempt; when the subscription missed them, the result says how it ended.
  const attemptEvents = result ? events.filter((e) => e.attempt === result.attempt) : events;
  let { current, failed } = stepsState(attemptEvents);
  if (result?.status === 'SUCCEEDED') current = STAGES.length - 1;
  if (result?.status === 'FAILED') failed = true;
  // A team that cannot be staffed (spec §6) stops the draw after the objects were selected: at the teams.
  if (result?.failure) current = Math.max(current, STAGES.indexOf('OBJECTS_SELECTED'));
  const running = drawState.fetching;
  const items = stageSteps(attemptEvents, current, failed, running, t);
  const canDraw = plan.status === 'FROZEN' && !result;
  // Once drawn, the values of this attempt (after a failure the plan already has a new commitment).
  const shown = result ?? plan;

  const taskColumns: TableColumnsType<TaskRow> = [
    { title: t('draws.rank'), dataIndex: 'rank', width: 60, align: 'right' },
    {
      title: t('draws.object'),
      key: 'object',
      render: (_, task) => (
        <div>
          <div>{task.object.name}</div>
          <Typography.Text type="secondary" className="mono">
            {task.object.uid}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('draws.team'),
      key: 'team',
      render: (_, task) => (
        <Space size={[0, 4]} wrap>
          {task.team.map((m) => (
            <Tag key={m.inspector.id}>
              {m.inspector.name} <span className="mono">{m.inspector.uid}</span> · {m.department.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('draws.items'),
      key: 'items',
      responsive: ['lg'],
      render: (_, task) =>
        task.itemsByDepartment.map((d) => (
          <div key={d.department.id}>
            {d.department.name}：{d.items.map((i) => i.name).join('、')}
          </div>
        )),
    },
  ];

  return (
    <div className="ceremony" data-testid="draw-ceremony" data-status={plan.status}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Link to={`/plans/${encodeURIComponent(plan.id)}`}>
          <LeftOutlined /> {t('plans.backToPlan')}
        </Link>
        <Button icon={<FullscreenOutlined />} onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}>
          {t('draws.fullscreen')}
        </Button>
      </Space>
      <Typography.Title level={2} className="ceremony-title">
        {plan.name} <PlanStatusTag status={plan.status} />
      </Typography.Title>
      <Typography.Text type="secondary" className="mono">
        {plan.uid}
      </Typography.Text>
      <div className="ceremony-values">
        <div>
          <div className="ceremony-label">{t('draws.commitment')} C</div>
          <div className="ceremony-hash mono" data-testid="ceremony-commitment">
            {shown.commitment ?? '—'}
          </div>
        </div>
        <div>
          <div className="ceremony-label">{t('draws.freezeDigest')} F</div>
          <div className="ceremony-hash mono">{shown.freezeDigest ?? '—'}</div>
        </div>
        <div>
          <div className="ceremony-label">{t('draws.entropySource')}</div>
          <div className="ceremony-source">{shown.entropySource ?? '—'}</div>
        </div>
      </div>
      {canDraw && (
        <Card variant="borderless" className="ceremony-card">
          <Typography.Paragraph>{t('draws.enterEntropy')}</Typography.Paragraph>
          <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
            <Input
              size="large"
              className="mono"
              value={entropy}
              onChange={(e) => setEntropy(e.target.value)}
              placeholder={t('draws.entropyPlaceholder')}
              data-testid="ceremony-entropy"
              disabled={running}
            />
            <Button size="large" type="primary" disabled={!entropy.trim() || running} onClick={() => setConfirming(true)} data-testid="ceremony-draw">
              {t('draws.drawNow')}
            </Button>
          </Space.Compact>
        </Card>
      )}
      {plan.status !== 'FROZEN' && !result && <Alert type="info" showIcon title={t('draws.notFrozen')} style={{ marginBottom: 16 }} />}
      {(running || result || events.length > 0 || drawError) && (
        <Card variant="borderless" className="ceremony-card" data-testid="ceremony-stages">
          <Steps orientation="vertical" className="ceremony-steps" current={Math.max(current, 0)} items={items} />
          {sub.error && <Typography.Text type="secondary">{t('draws.noLiveStages')}</Typography.Text>}
        </Card>
      )}
      {drawError && <Alert type="error" showIcon title={t('draws.drawFailed')} description={drawError} style={{ marginBottom: 16 }} data-testid="ceremony-error" />}
      {result?.status === 'FAILED' && (
        <Alert
          type="error"
          showIcon
          data-testid="ceremony-failed"
          title={
            result.failure
              ? t('draws.failure', failureParams(result.failure, plan.departments.map((d) => d.department)))
              : t('draws.drawFailed')
          }
          description={
            <>
              <div>{t('draws.failedExplain')}</div>
              <Space wrap>
                <span>
                  {t('draws.entropy')}: <span className="mono">{result.entropy}</span> · {t('draws.reveal')} R: <span className="mono hash">{result.reveal}</span>
                </span>
                <Link to={publicDrawPath(recordKey(result.id), plan.uid)} data-testid="ceremony-failed-public-link">
                  {t('draws.publicPage')}
                </Link>
              </Space>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {result?.status === 'SUCCEEDED' && (
        <Card
          variant="borderless"
          className="ceremony-card"
          data-testid="ceremony-result"
          title={t('draws.selections', { count: result.selectionsCount })}
          extra={
            <Space wrap>
              <Link to={`/open/draws/${encodeURIComponent(recordKey(result.id))}`} data-testid="ceremony-public-link">
                {t('draws.publicPage')}
              </Link>
              <a href={`/public/draws/${encodeURIComponent(recordKey(result.id))}/evidence.json`}>evidence.json</a>
              <Link to={`/draws/${encodeURIComponent(result.id)}/tasks`}>{t('draws.tasks')}</Link>
            </Space>
          }
        >
          <Typography.Paragraph>
            {t('draws.entropy')}: <span className="mono">{result.entropy}</span> · {t('draws.reveal')} R: <span className="mono hash">{result.reveal}</span> · {t('draws.seed')}:{' '}
            <span className="mono hash">{result.seed}</span>
          </Typography.Paragraph>
          <Table<TaskRow>
            rowKey="id"
            size="small"
            columns={taskColumns}
            dataSource={result.tasks.edges.map((e) => e.node)}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            data-testid="ceremony-tasks"
          />
        </Card>
      )}
      <Modal
        open={confirming}
        title={t('draws.confirmTitle')}
        onCancel={() => setConfirming(false)}
        onOk={() => void start()}
        okText={t('draws.drawNow')}
        okButtonProps={{ 'data-testid': 'ceremony-confirm' } as never}
      >
        <Typography.Paragraph>{t('draws.confirmText', { source: plan.entropySource ?? '' })}</Typography.Paragraph>
        <div className="ceremony-hash mono">{entropy.trim()}</div>
      </Modal>
    </div>
  );
}
