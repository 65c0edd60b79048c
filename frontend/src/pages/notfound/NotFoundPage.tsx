import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** 404: no such page. */
export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="standalone-page" data-testid="not-found">
      <Result
        status="404"
        title="404"
        subTitle={t('notFound.message')}
        extra={
          <Link to="/">
            <Button type="primary">{t('notFound.home')}</Button>
          </Link>
        }
      />
    </div>
  );
}
