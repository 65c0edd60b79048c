import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** 403: signed in, but this screen is not for the caller's role. */
export default function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="forbidden">
    <Result
      status="403"
      title="403"
      subTitle={t('forbidden.message')}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.home')}</Button>
        </Link>
      }
    />
    </div>
  );
}
