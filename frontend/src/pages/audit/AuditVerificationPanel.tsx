import { Alert, Button, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage } from '../../graphql/errors';
import { formatDateTime } from '../../lib/time';

const AuditVerificationPanelQuery = graphql(`
  query AuditVerificationPanel_Verification {
    auditVerification {
      intact
      entries
      headSeq
      headHash
      firstBadSeq
      message
      checkpointSeq
      checkedAt
    }
  }
`);

/** 审计链校验: the hash chain and signed checkpoints, checked on request. */
export function AuditVerificationPanel() {
  const { t } = useTranslation();
  const [{ data, fetching, error }, verify] = useQuery({ query: AuditVerificationPanelQuery, requestPolicy: 'network-only' });
  const v = data?.auditVerification;

  return (
    <Card
      size="small"
      variant="borderless"
      className="audit-verification"
      data-testid="audit-verification"
      title={
        <span>
          <SafetyCertificateOutlined /> {t('audit.verification.title')}
        </span>
      }
      extra={
        <Button size="small" loading={fetching} onClick={() => verify({ requestPolicy: 'network-only' })} data-testid="audit-verify">
          {t('audit.verification.recheck')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {!v && !error && <Skeleton active paragraph={{ rows: 1 }} title={false} />}
      {v && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3, xl: 6 }}
            items={[
              {
                key: 'status',
                label: t('audit.verification.status'),
                children: v.intact ? (
                  <Tag color="success" icon={<CheckCircleFilled />} data-testid="audit-intact">
                    {t('audit.verification.intact')}
                  </Tag>
                ) : (
                  <Tag color="error" icon={<CloseCircleFilled />} data-testid="audit-broken">
                    {t('audit.verification.broken')}
                  </Tag>
                ),
              },
              { key: 'entries', label: t('audit.verification.entries'), children: v.entries.toLocaleString() },
              {
                key: 'head',
                label: t('audit.verification.head'),
                children: (
                  <Typography.Text className="mono" copyable={{ text: v.headHash }} title={v.headHash}>
                    #{v.headSeq} {v.headHash.slice(0, 12)}…
                  </Typography.Text>
                ),
              },
              {
                key: 'checkpoint',
                label: t('audit.verification.checkpoint'),
                children: v.checkpointSeq != null ? `#${v.checkpointSeq}` : t('audit.verification.noCheckpoint'),
              },
              { key: 'checkedAt', label: t('audit.verification.checkedAt'), children: formatDateTime(v.checkedAt) },
              ...(v.firstBadSeq != null
                ? [{ key: 'bad', label: t('audit.verification.firstBad'), children: <Typography.Text type="danger">#{v.firstBadSeq}</Typography.Text> }]
                : []),
            ]}
          />
          {v.message && (
            <Typography.Text type={v.intact ? 'secondary' : 'danger'} className="audit-verification-message">
              {v.message}
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}
