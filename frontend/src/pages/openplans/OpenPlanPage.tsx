import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Card, Descriptions, Grid, Space, Spin, Steps, Tag, Timeline, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import { errorMessage } from '../../graphql/errors';
import { enumLabel } from '../../lib/enums';
import { recordKey } from '../../lib/ids';
import { formatDate, formatDateTime } from '../../lib/time';
import { AttemptsTable } from '../draws/AttemptsTable';
import { publicDrawPath } from '../draws/publicDraws';
import { PlanRules } from '../plans/PlanRules';
import { PlanStatusTag } from '../plans/PlansPage';
import { latestAttempt, stageSteps, stepsState, type StageEvent } from '../plans/stages';
import { PUBLIC_PLAN_STATUSES } from './paths';

const OpenPlanPageQuery = graphql(`
  query OpenPlanPage_Plan($uid: String!) {
    planByUid(uid: $uid) {
      id
      uid
      kind
      name
      year
      status
      notes
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
        perTeam
        items {
          id
          code
          name
          version
          category
          method
        }
      }
      ...PlanRules_Plan
      windowStart
      windowEnd
      commitment
      entropySource
      freezeDigest
      populationSize
      publishedAt
      frozenAt
      drawnAt
      cancelledReason
      events {
        at
        fromStatus
        toStatus
      }
      draws {
        ...AttemptsTable_Draw
      }
    }
  }
`);

const OpenPlanPageProgressSubscription = graphql(`
  subscription OpenPlanPage_Progress($planId: ID!) {
    drawProgress(planId: $planId) {
      attempt
      stage
      at
      detail
    }
  }
`);


function Hash({ value, testid }: { value: string | null | undefined; testid?: string }) {
  return (
    <Typography.Text className="mono hash" copyable={!!value} data-testid={testid}>
      {value || '—'}
    </Typography.Text>
  );
}

/**
 * A plan's public page (/open/plans/:uid): what it checks, whom it may draw
 * and by which rules, its commitment and freeze, every draw attempt, and,
 * while it waits for its draw, the stages of the draw as they happen.
 */
export default function OpenPlanPage() {
  const { t } = useTranslation();
  const { uid = '' } = useParams();
  // On a phone the long hashes get the whole width, under their labels.
  const narrow = !Grid.useBreakpoint().sm;
  const [{ data, fetching, error }, refetch] = useQuery({ query: OpenPlanPageQuery, variables: { uid }, requestPolicy: 'cache-and-network' });
  const plan = data?.planByUid;
  // Frozen, the draw may start any moment: the page follows it live, and
  // keeps showing the stages of the attempt it watched once it has ended.
  const [watchedFrom, setWatchedFrom] = useState<number | null>(null);
  useEffect(() => {
    if (plan?.status === 'FROZEN' && watchedFrom === null) setWatchedFrom(plan.draws.length);
  }, [plan, watchedFrom]);
  const [sub] = useSubscription(
    { query: OpenPlanPageProgressSubscription, variables: { planId: plan?.id ?? '' }, pause: !plan || watchedFrom === null },
    (old: StageEvent[] | undefined, r) => [...(old ?? []), r.drawProgress],
  );
  // The subscription replays every attempt; earlier ones are in the attempts table.
  const current = useMemo(() => {
    const latest = latestAttempt(sub.data ?? []);
    return watchedFrom !== null && latest.length > 0 && latest[0].attempt > watchedFrom ? latest : [];
  }, [sub.data, watchedFrom]);
  const ended = current.some((e) => e.stage === 'STORED' || e.stage === 'FAILED');
  const refetched = useRef(false);
  useEffect(() => {
    if (ended && !refetched.current) {
      refetched.current = true;
      refetch({ requestPolicy: 'network-only' });
    }
    if (!ended) refetched.current = false;
  }, [ended, refetch]);

  if (!plan) {
    return (
      <div data-testid="open-plan-page">
        <Link to="/open/plans">
          <LeftOutlined /> {t('nav.openPlans')}
        </Link>
        <div style={{ marginTop: 16 }}>
          {error ? (
            <Alert type="error" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} />
          ) : fetching ? (
            <Spin />
          ) : (
            <Alert type="warning" showIcon title={t('openPlans.notFound', { uid })} description={t('openPlans.notFoundHint')} />
          )}
        </div>
      </div>
    );
  }

  const departments = plan.departments.map((d) => d.department);
  const { current: step, failed } = stepsState(current);
  const steps = stageSteps(current, step, failed, current.length > 0 && !ended, t);
  const watchedDraw = ended ? plan.draws.find((d) => d.attempt === current[0].attempt) : undefined;


  return (
    <div data-testid="open-plan-page" data-status={plan.status}>
      <Link to="/open/plans">
        <LeftOutlined /> {t('nav.openPlans')}
      </Link>
      <div className="open-hero">
        <Typography.Title level={2}>
          {plan.name} <PlanStatusTag status={plan.status} />
        </Typography.Title>
        <Typography.Text type="secondary" className="mono">
          {plan.uid}
        </Typography.Text>
      </div>
      {plan.status === 'CANCELLED' && (
        <Alert type="error" showIcon title={t('openPlans.cancelled')} description={plan.cancelledReason || undefined} style={{ margin: '16px 0' }} data-testid="open-plan-cancelled" />
      )}

      {watchedFrom !== null && (
        <Card variant="borderless" className="open-card" title={t('openPlans.liveTitle')} data-testid="open-plan-live">
          {plan.status === 'FROZEN' && !ended && <Typography.Paragraph>{t('openPlans.liveIntro', { source: plan.entropySource ?? '' })}</Typography.Paragraph>}
          {current.length > 0 ? (
            <Steps orientation="vertical" current={Math.max(step, 0)} items={steps} data-testid="open-plan-stages" />
          ) : (
            <Space>
              <Spin size="small" />
              <Typography.Text type="secondary" data-testid="open-plan-waiting">
                {t('openPlans.waiting')}
              </Typography.Text>
            </Space>
          )}
          {watchedDraw && (
            <Link to={publicDrawPath(recordKey(watchedDraw.id), watchedDraw.status === 'FAILED' ? plan.uid : undefined)} data-testid="open-plan-live-result">
              {watchedDraw.status === 'FAILED' ? t('openPlans.failedResult') : t('openPlans.viewResult', { count: watchedDraw.selectionsCount })}
            </Link>
          )}
          {sub.error && <Alert type="warning" showIcon title={t('draws.noLiveStages')} style={{ marginTop: 12 }} />}
        </Card>
      )}

      <Card variant="borderless" className="open-card" title={t('openPlans.verifiable')}>
        <Typography.Paragraph type="secondary">{t('openPlans.verifiableIntro')}</Typography.Paragraph>
        <Descriptions column={1} size="small" bordered layout={narrow ? 'vertical' : 'horizontal'} data-testid="open-plan-commitments">
          <Descriptions.Item label={t('draws.commitment')}>
            <Hash value={plan.commitment} testid="open-plan-commitment" />
            {plan.publishedAt && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('openPlans.publishedOn', { at: formatDateTime(plan.publishedAt) })}</Typography.Paragraph>}
          </Descriptions.Item>
          <Descriptions.Item label={t('draws.freezeDigest')}>
            <Hash value={plan.freezeDigest} testid="open-plan-freeze" />
            {plan.frozenAt && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('openPlans.frozenOn', { at: formatDateTime(plan.frozenAt) })}</Typography.Paragraph>}
          </Descriptions.Item>
          <Descriptions.Item label={t('draws.entropySource')}>{plan.entropySource || t('openPlans.notYet')}</Descriptions.Item>
          <Descriptions.Item label={t('draws.populationSize')}>{plan.populationSize ?? t('openPlans.notYet')}</Descriptions.Item>
        </Descriptions>
      </Card>

      {plan.draws.length > 0 && (
        <Card variant="borderless" className="open-card" title={t('plans.draws')}>
          <AttemptsTable draws={plan.draws} planUid={plan.uid} departments={departments} testid="open-plan-draws" />
          {plan.draws.some((d) => d.status === 'FAILED') && plan.status === 'PUBLISHED' && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('draws.failedExplain')}
            </Typography.Paragraph>
          )}
        </Card>
      )}

      <Card variant="borderless" className="open-card" title={t('plans.basics')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('plans.kind')}>{enumLabel(t, 'PlanKind', plan.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('plans.year')}>{plan.year}</Descriptions.Item>
          <Descriptions.Item label={t('plans.initiator')}>{plan.initiator.name}</Descriptions.Item>
          <Descriptions.Item label={t('plans.window')}>
            {formatDate(plan.windowStart)} — {formatDate(plan.windowEnd)}
          </Descriptions.Item>
          {plan.notes && <Descriptions.Item label={t('plans.notes')}>{plan.notes}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <Card variant="borderless" className="open-card" title={t('openPlans.departmentsAndItems')}>
        <Typography.Paragraph type="secondary">{t('openPlans.jointIntro')}</Typography.Paragraph>
        <Descriptions column={1} size="small" bordered layout={narrow ? 'vertical' : 'horizontal'} data-testid="open-plan-departments">
          {plan.departments.map((d) => (
            <Descriptions.Item key={d.department.id} label={d.department.name}>
              <Space orientation="vertical" size={4}>
                {d.items.map((i) => (
                  <span key={i.id}>
                    <Typography.Text className="mono">{i.code}</Typography.Text> {i.name}{' '}
                    <Tag color={i.category === 'KEY' ? 'red' : 'default'}>{enumLabel(t, 'ItemCategory', i.category)}</Tag>
                    <Typography.Text type="secondary">{enumLabel(t, 'InspectionMethod', i.method)}</Typography.Text>
                  </span>
                ))}
                {d.perTeam ? <Typography.Text type="secondary">{t('plans.perTeamN', { n: d.perTeam })}</Typography.Text> : null}
              </Space>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>

      <Card variant="borderless" className="open-card" title={t('plans.scopeAndRules')}>
        <PlanRules plan={plan} testid="open-plan-rules" />
      </Card>

      <Card variant="borderless" className="open-card" title={t('plans.events')}>
        <Timeline
          items={plan.events
            .filter((e) => PUBLIC_PLAN_STATUSES.includes(e.toStatus))
            .map((e, i) => ({
            key: i,
            content: (
              <span data-testid="open-plan-event">
                <Typography.Text strong>{enumLabel(t, 'PlanStatus', e.toStatus)}</Typography.Text>{' '}
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              </span>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
