import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/time';
import { fetchPublicDraws, publicDrawPath, type PublicDraw } from './publicDraws';

/** 抽取公示 (/open/draws): every draw, newest first, from GET /public/draws; failed attempts too. */
export default function OpenDrawsPage() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<PublicDraw[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (url: string | undefined, append: boolean) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPublicDraws(url);
      setRows((old) => (append ? [...old, ...page.draws] : page.draws));
      setNext(page.next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(undefined, false);
  }, [load]);

  const columns: TableColumnsType<PublicDraw> = [
    {
      title: t('draws.plan'),
      key: 'plan',
      render: (_, d) => (
        <div>
          <Link to={publicDrawPath(d.id, d.status === 'FAILED' ? d.plan_uid : undefined)} data-testid="open-draw-link">
            {d.plan_name}
          </Link>
          <div>
            <Typography.Text type="secondary" className="mono">
              {d.plan_uid}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('draws.drawnAt'), dataIndex: 'drawn_at', render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
    { title: t('draws.populationSize'), dataIndex: 'population_size', align: 'right', responsive: ['sm'] },
    { title: t('draws.selectionsCount'), dataIndex: 'selections_count', align: 'right' },
    {
      title: t('draws.status'),
      dataIndex: 'status',
      render: (s: string) => <Tag color={s === 'SUCCEEDED' ? 'success' : 'error'}>{t(`draws.statusOf.${s === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED'}`)}</Tag>,
    },
  ];

  return (
    <div data-testid="open-draws-page">
      <div className="open-hero">
        <Typography.Title level={2}>{t('nav.openDraws')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('draws.publicIntro')}</Typography.Paragraph>
      </div>
      <Card variant="borderless" className="open-card">
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('common.loadFailed')}
            description={error}
            action={<Button onClick={() => void load(undefined, false)}>{t('common.retry')}</Button>}
            style={{ marginBottom: 16 }}
          />
        )}
        <Table<PublicDraw>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="open-draws-table"
        />
        {next && (
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Button onClick={() => void load(next, true)} loading={loading} data-testid="open-draws-more">
              {t('draws.more')}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
