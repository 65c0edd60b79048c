import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** 随机 suiji: the logo mark and the product name. */
export function Brand({ compact, to = '/' }: { compact?: boolean; to?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="app-brand" aria-label={t('app.name')}>
      <span className="app-brand-logo" aria-hidden>
        随
      </span>
      {!compact && (
        <span className="app-brand-text">
          {t('app.name')} <span className="app-brand-latin">suiji</span>
        </span>
      )}
    </Link>
  );
}
