import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** The placeholder while a screen's code or data loads. */
export function PageLoading({ fullScreen }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={fullScreen ? 'page-loading page-loading-full' : 'page-loading'} data-testid="page-loading">
      <Spin description={t('common.loading')} size="large">
        <div style={{ width: 160, height: 80 }} />
      </Spin>
    </div>
  );
}
