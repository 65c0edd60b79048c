import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { LeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PlanStatus } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { enumLabel } from '../../lib/enums';
import { formatDate, formatDateTime } from '../../lib/time';
import { PlanStatusTag } from './PlansPage';
import { planActions, type PlanAction } from './permissions';
import { PlanRules } from './PlanRules';
import { AttemptsTable } from '../draws/AttemptsTable';
import { openPlanPath } from '../openplans/paths';

const PlanDetailPageQuery = graphql(`
  query PlanDetailPage_Plan($id: ID!) {
    plan(id: $id) {
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
        }
      }
      ...PlanRules_Plan
      windowStart
      windowEnd
      reviewComment
      warnings {
        code
        message
      }
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
        actor
        fromStatus
        toStatus
        comment
      }
      draws {
        ...AttemptsTable_Draw
      }
      createdBy
      createdAt
      updatedAt
    }
  }
`);

const PlanDetailSubmitMutation = graphql(`
  mutation PlanDetail_Submit($id: ID!) {
    submitPlan(id: $id) {
      id
      status
    }
  }
`);
const PlanDetailReviewMutation = graphql(`
  mutation PlanDetail_Review($id: ID!, $approve: Boolean!, $comment: String!) {
    reviewPlan(id: $id, approve: $approve, comment: $comment) {
      id
      status
    }
  }
`);
const PlanDetailPublishMutation = graphql(`
  mutation PlanDetail_Publish($id: ID!, $overrideReason: String) {
    publishPlan(id: $id, overrideReason: $overrideReason) {
      id
      status
      commitment
    }
  }
`);
const PlanDetailFreezeMutation = graphql(`
  mutation PlanDetail_Freeze($id: ID!, $entropySource: String!) {
    freezePlan(id: $id, entropySource: $entropySource) {
      id
      status
      freezeDigest
    }
  }
`);
const PlanDetailCancelMutation = graphql(`
  mutation PlanDetail_Cancel($id: ID!, $reason: String!) {
    cancelPlan(id: $id, reason: $reason) {
      id
      status
    }
  }
`);


/** A dialog asking one text: a comment, a reason or the entropy source. */
type Ask = { action: 'approve' | 'return' | 'publish' | 'freeze' | 'cancel' };

/** One plan (/plans/:id): what it is, its history and draws, and the next steps the caller may take. */
export default function PlanDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { user } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: PlanDetailPageQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [, submit] = useMutation(PlanDetailSubmitMutation);
  const [, review] = useMutation(PlanDetailReviewMutation);
  const [, publish] = useMutation(PlanDetailPublishMutation);
  const [, freeze] = useMutation(PlanDetailFreezeMutation);
  const [, cancel] = useMutation(PlanDetailCancelMutation);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const plan = data?.plan;
  const reload = () => refetch({ requestPolicy: 'network-only' });

  if (!plan) {
    return (
      <div data-testid="plan-detail-page">
        {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={errorMessage(error, t)} /> : fetching ? <Spin /> : <Alert type="warning" title={t('plans.notFound')} />}
      </div>
    );
  }

  const actions = planActions(plan.status, user, plan.initiator.id);

  const run = async (fn: () => Promise<{ error?: import('@urql/core').CombinedError }>) => {
    setBusy(true);
    setActionError(null);
    try {
      const r = await fn();
      if (r.error) {
        setActionError(errorMessage(r.error, t));
        return false;
      }
      message.success(t('plans.actionDone'));
      reload();
      return true;
    } finally {
      setBusy(false);
    }
  };

  const start = (a: PlanAction) => {
    setActionError(null);
    if (a === 'submit') return void run(() => submit({ id: plan.id }));
    if (a === 'draw') return void navigate(`/plans/${encodeURIComponent(plan.id)}/draw`);
    if (a === 'edit') return void navigate(`/plans/${encodeURIComponent(plan.id)}/edit`);
    setText('');
    setAsk({ action: a === 'review' ? 'approve' : a });
  };

  const confirm = async () => {
    if (!ask) return;
    const v = text.trim();
    let ok = false;
    if (ask.action === 'approve' || ask.action === 'return') ok = await run(() => review({ id: plan.id, approve: ask.action === 'approve', comment: v }));
    else if (ask.action === 'publish') ok = await run(() => publish({ id: plan.id, overrideReason: v || null }));
    else if (ask.action === 'freeze') ok = await run(() => freeze({ id: plan.id, entropySource: v }));
    else if (ask.action === 'cancel') ok = await run(() => cancel({ id: plan.id, reason: v }));
    if (ok) setAsk(null);
  };


  const askTitle: Record<Ask['action'], string> = {
    approve: t('plans.action.approve'),
    return: t('plans.action.return'),
    publish: t('plans.action.publish'),
    freeze: t('plans.action.freeze'),
    cancel: t('plans.action.cancel'),
  };
  const askRequired = ask?.action === 'freeze' || ask?.action === 'cancel' || ask?.action === 'return';

  return (
    <div data-testid="plan-detail-page" data-status={plan.status}>
      <Link to="/plans">
        <LeftOutlined /> {t('plans.title')}
      </Link>
      <PageHeader
        title={
          <Space wrap>
            {plan.name}
            <PlanStatusTag status={plan.status} />
          </Space>
        }
        description={<span className="mono">{plan.uid}</span>}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
            {plan.publishedAt && (
              <Link to={openPlanPath(plan.uid)} data-testid="plan-public-page">
                <Button>{t('draws.publicPage')}</Button>
              </Link>
            )}
            {actions.map((a) => (
              <Button
                key={a}
                type={a === 'cancel' ? 'default' : 'primary'}
                danger={a === 'cancel'}
                loading={busy && a === 'submit'}
                onClick={() => start(a)}
                data-testid={`plan-action-${a}`}
              >
                {t(`plans.action.${a}`)}
              </Button>
            ))}
          </Space>
        }
      />
      {actionError && <Alert type="error" showIcon title={actionError} closable onClose={() => setActionError(null)} style={{ marginBottom: 16 }} data-testid="plan-action-error" />}
      {plan.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('plans.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {plan.warnings.map((w) => (
                <li key={w.code}>{w.message}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
          data-testid="plan-warnings"
        />
      )}
      {plan.reviewComment && <Alert type="info" showIcon title={t('plans.reviewComment')} description={plan.reviewComment} style={{ marginBottom: 16 }} />}
      {plan.status === 'CANCELLED' && plan.cancelledReason && <Alert type="error" title={t('plans.cancelledReason')} description={plan.cancelledReason} style={{ marginBottom: 16 }} />}
      <Card title={t('plans.basics')} variant="borderless" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('plans.kind')}>{enumLabel(t, 'PlanKind', plan.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('plans.year')}>{plan.year}</Descriptions.Item>
          <Descriptions.Item label={t('plans.initiator')}>{plan.initiator.name}</Descriptions.Item>
          <Descriptions.Item label={t('plans.window')}>
            {formatDate(plan.windowStart)} — {formatDate(plan.windowEnd)}
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.createdBy')}>
            {plan.createdBy} · {formatDateTime(plan.createdAt)}
          </Descriptions.Item>
          {plan.populationSize !== null && plan.populationSize !== undefined && (
            <Descriptions.Item label={t('draws.populationSize')}>{plan.populationSize}</Descriptions.Item>
          )}
          {plan.notes && <Descriptions.Item label={t('plans.notes')}>{plan.notes}</Descriptions.Item>}
        </Descriptions>
        {(plan.commitment || plan.freezeDigest) && (
          <Descriptions column={1} size="small" bordered style={{ marginTop: 12 }}>
            {plan.commitment && (
              <Descriptions.Item label={t('draws.commitment')}>
                <Typography.Text className="mono hash" copyable data-testid="plan-commitment">
                  {plan.commitment}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {plan.freezeDigest && (
              <Descriptions.Item label={t('draws.freezeDigest')}>
                <Typography.Text className="mono hash" copyable>
                  {plan.freezeDigest}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {plan.entropySource && <Descriptions.Item label={t('draws.entropySource')}>{plan.entropySource}</Descriptions.Item>}
          </Descriptions>
        )}
      </Card>
      <Card title={t('plans.departments')} variant="borderless" style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small" bordered>
          {plan.departments.map((d) => (
            <Descriptions.Item key={d.department.id} label={`${d.department.name}${d.perTeam ? ` · ${t('plans.perTeamN', { n: d.perTeam })}` : ''}`}>
              {d.items.map((i) => (
                <Tag key={i.id}>
                  {i.code} {i.name} v{i.version}
                </Tag>
              ))}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card title={t('plans.scopeAndRules')} variant="borderless" style={{ marginBottom: 16 }}>
        <PlanRules plan={plan} />
      </Card>
      <Card title={t('plans.draws')} variant="borderless" style={{ marginBottom: 16 }}>
        <AttemptsTable
          draws={plan.draws}
          planUid={plan.uid}
          departments={plan.departments.map((d) => d.department)}
          extra={(d) =>
            d.status === 'SUCCEEDED' && (
              <Link className="nowrap" to={`/draws/${encodeURIComponent(d.id)}/tasks`} data-testid="draw-tasks-link">
                {t('draws.tasks')}
              </Link>
            )
          }
        />
        {plan.draws.some((d) => d.status === 'FAILED') && plan.status === 'PUBLISHED' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('draws.failedExplain')}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t('plans.events')} variant="borderless" data-testid="plan-events">
        <Timeline
          items={plan.events.map((e, i) => ({
            key: i,
            content: (
              <div data-testid="plan-event">
                <Space wrap>
                  <Typography.Text strong>
                    {e.fromStatus ? `${enumLabel(t, 'PlanStatus', e.fromStatus)} → ` : ''}
                    {enumLabel(t, 'PlanStatus', e.toStatus)}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {e.actor} · {formatDateTime(e.at)}
                  </Typography.Text>
                </Space>
                {e.comment && <div>{e.comment}</div>}
              </div>
            ),
          }))}
        />
      </Card>
      <Modal
        open={!!ask}
        title={ask ? askTitle[ask.action] : ''}
        onCancel={() => setAsk(null)}
        onOk={() => void confirm()}
        okButtonProps={{ disabled: askRequired && !text.trim(), loading: busy, danger: ask?.action === 'cancel' || ask?.action === 'return', 'data-testid': 'plan-ask-ok' } as never}
        okText={ask ? askTitle[ask.action] : ''}
        destroyOnHidden
      >
        {ask?.action === 'approve' || ask?.action === 'return' ? (
          <Space style={{ marginBottom: 12 }}>
            <Button type={ask.action === 'approve' ? 'primary' : 'default'} onClick={() => setAsk({ action: 'approve' })} data-testid="review-approve">
              {t('plans.action.approve')}
            </Button>
            <Button type={ask.action === 'return' ? 'primary' : 'default'} danger={ask.action === 'return'} onClick={() => setAsk({ action: 'return' })} data-testid="review-return">
              {t('plans.action.return')}
            </Button>
          </Space>
        ) : null}
        {ask?.action === 'publish' && plan.warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('plans.warnings')}
            description={plan.warnings.map((w) => w.message).join('；')}
            style={{ marginBottom: 12 }}
          />
        )}
        <Typography.Paragraph type="secondary">{ask ? t(`plans.ask.${ask.action}`) : ''}</Typography.Paragraph>
        <Input.TextArea
          autoFocus
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={ask?.action === 'freeze' ? t('plans.entropySourcePlaceholder') : ''}
          data-testid="plan-ask-input"
        />
        {actionError && <Alert type="error" showIcon title={actionError} style={{ marginTop: 12 }} />}
      </Modal>
    </div>
  );
}

export type { PlanStatus };
