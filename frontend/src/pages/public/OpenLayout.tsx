import { Button, Layout, Space, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { Suspense } from 'react';
import { useSession } from '../../auth/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Brand } from '../../components/Brand';
import { PageLoading } from '../../components/PageLoading';
import './open.css';

/** The frame of the public pages (/open…): no sign-in, no personal data. */
export default function OpenLayout() {
  const { t } = useTranslation();
  const { status } = useSession();
  return (
    <Layout className="open-layout">
      <Layout.Header className="open-header">
        <Space size={16} className="open-header-left">
          <Brand to="/open" />
          <nav className="open-nav">
            <NavLink to="/open" end>
              {t('nav.open')}
            </NavLink>
            <NavLink to="/open/items" data-testid="open-nav-items">
              <span className="nav-long">{t('nav.openItems')}</span>
              <span className="nav-short">{t('nav.openItemsShort')}</span>
            </NavLink>
            <NavLink to="/open/plans" data-testid="open-nav-plans">
              <span className="nav-long">{t('nav.openPlans')}</span>
              <span className="nav-short">{t('nav.openPlansShort')}</span>
            </NavLink>
            <NavLink to="/open/draws" data-testid="open-nav-draws">
              <span className="nav-long">{t('nav.openDraws')}</span>
              <span className="nav-short">{t('nav.openDrawsShort')}</span>
            </NavLink>
          </nav>
        </Space>
        <Space size={12}>
          <LanguageSwitch size="small" />
          {status === 'signedIn' ? (
            <Link to="/">
              <Button type="primary" size="small">
                {t('open.enter')}
              </Button>
            </Link>
          ) : (
            <Link to="/login" data-testid="open-sign-in">
              <Button type="primary" size="small" icon={<LoginOutlined />}>
                {t('open.signIn')}
              </Button>
            </Link>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="open-content">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="app-footer">
        <Typography.Text type="secondary">
          {t('app.name')} suiji · {t('app.tagline')}
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
