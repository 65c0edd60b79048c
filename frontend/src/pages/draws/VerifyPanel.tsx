import { useState } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useVerifier } from '../../verify/useVerifier';

/**
 * 验证: runs the browser verifier (src/verify) on the evidence document's
 * text, exactly as published, with a progress bar and the verdict.
 */
export function VerifyPanel({ loadText }: { loadText: () => Promise<string> }) {
  const { t } = useTranslation();
  const v = useVerifier();
  const [fetchError, setFetchError] = useState<string | null>(null);
  const [fetching, setFetching] = useState(false);
  const start = async () => {
    setFetchError(null);
    setFetching(true);
    let text: string;
    try {
      text = await loadText();
    } catch (e) {
      v.cancel();
      setFetchError(e instanceof Error ? e.message : String(e));
      return;
    } finally {
      setFetching(false);
    }
    v.run(text);
  };
  const pct = v.progress && v.progress.total > 0 ? Math.floor((v.progress.done / v.progress.total) * 100) : 0;
  const report = v.report;
  return (
    <div data-testid="verify-panel" data-state={v.state}>
      <Space wrap>
        <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => void start()} loading={fetching || v.state === 'running'} data-testid="verify-run">
          {t('draws.verify')}
        </Button>
        <Typography.Text type="secondary">{t('draws.verifyHint')}</Typography.Text>
      </Space>
      {v.state === 'running' && <Progress percent={pct} status="active" data-testid="verify-progress" />}
      {fetchError && <Alert type="error" showIcon title={t('draws.evidenceLoadFailed')} description={fetchError} style={{ marginTop: 12 }} />}
      {v.state === 'error' && <Alert type="error" showIcon title={t('draws.verifyError')} description={v.error} style={{ marginTop: 12 }} />}
      {v.state === 'done' && report?.ok && (
        <Alert
          type="success"
          data-testid="verify-ok"
          style={{ marginTop: 12 }}
          title={t('draws.verified', { count: report.selections })}
          description={
            <>
              {v.ms !== null && <div>{t('draws.verifiedIn', { ms: Math.round(v.ms) })}</div>}
              {report.notChecked.length > 0 && (
                <>
                  <div>{t('draws.notCheckedIntro')}</div>
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="verify-not-checked">
                    {report.notChecked.map((n) => (
                      <li key={n}>
                        <Typography.Text code>{n}</Typography.Text> {t(`draws.notChecked.${n}`)}
                      </li>
                    ))}
                  </ul>
                  <div style={{ marginTop: 4 }}>{t('draws.publicFormNote')}</div>
                </>
              )}
            </>
          }
        />
      )}
      {v.state === 'done' && report && !report.ok && (
        <Alert
          type="error"
          data-testid="verify-failed"
          style={{ marginTop: 12 }}
          title={t('draws.verifyFailed', { check: report.check })}
          description={report.reason}
        />
      )}
    </div>
  );
}
