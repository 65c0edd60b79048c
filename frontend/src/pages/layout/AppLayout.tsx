import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  CodeOutlined,
  DownOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProfileOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageLoading } from '../../components/PageLoading';
import { menuSectionsForRole, selectedKey, type MenuKey } from './menu';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { Brand } from '../../components/Brand';
import './layout.css';

const ICONS: Record<MenuKey, ReactNode> = {
  home: <HomeOutlined />,
  departments: <ApartmentOutlined />,
  plans: <FileSearchOutlined />,
  items: <ProfileOutlined />,
  objects: <BankOutlined />,
  inspectors: <IdcardOutlined />,
  import: <CloudUploadOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  graphiql: <CodeOutlined />,
};

/** The frame around every signed-in screen: side menu (a drawer on phones), header, content. */
export default function AppLayout() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const location = useLocation();
  const navigate = useNavigate();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const items = useMemo<MenuProps['items']>(() => {
    if (!user) return [];
    return menuSectionsForRole(user.role).flatMap((section): NonNullable<MenuProps['items']> => {
      const entries = section.entries.map((m) => ({
        key: m.key,
        icon: ICONS[m.key],
        label: (
          <Link to={m.path} data-testid={`nav-${m.key}`} onClick={() => setDrawerOpen(false)}>
            {t(m.label)}
          </Link>
        ),
      }));
      return section.group
        ? [{ key: `group-${section.group}`, type: 'group' as const, label: t(`nav.group.${section.group}`), children: entries }]
        : entries;
    });
  }, [user, t]);

  if (!user) return null;
  const selected = selectedKey(location.pathname);

  const onSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
      void message.success(t('layout.signedOut'));
      navigate('/login', { replace: true });
    } finally {
      setSigningOut(false);
    }
  };

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        type: 'group',
        label: (
          <span>
            {user.username}
            {user.department ? ` · ${user.department.shortName || user.department.name}` : ''}
          </span>
        ),
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('layout.changePassword')}</span> },
      {
        key: 'logout',
        icon: <LogoutOutlined />,
        danger: true,
        label: <span data-testid="logout">{t('layout.signOut')}</span>,
        disabled: signingOut,
      },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPasswordOpen(true);
      if (key === 'logout') void onSignOut();
    },
  };

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items}
      className="app-menu"
      data-testid="side-menu"
    />
  );

  return (
    <Layout className="app-layout">
      {!narrow && (
        <Layout.Sider width={216} theme="light" className="app-sider" data-testid="sider">
          <div className="app-sider-inner">
            <div className="app-sider-brand">
              <Brand />
            </div>
            {menu}
          </div>
        </Layout.Sider>
      )}
      {narrow && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={248}
          title={<Brand />}
          styles={{ body: { padding: 0 } }}
          data-testid="nav-drawer"
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Space size={8} className="app-header-left">
            {narrow && (
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
                aria-label={t('layout.openMenu')}
                data-testid="nav-drawer-toggle"
              />
            )}
            {narrow && <Brand compact={!screens.sm} />}
          </Space>
          <Space size={screens.sm ? 16 : 8} className="app-header-right">
            <LanguageSwitch size="small" />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" className="app-user-button" data-testid="user-menu">
                <UserOutlined />
                {screens.sm && (
                  <span className="app-user-name" data-testid="user-display-name">
                    {user.displayName}
                  </span>
                )}
                <Tag color="blue" className="app-role-tag" data-testid="user-role">
                  {t(`role.${user.role}`)}
                </Tag>
                <DownOutlined className="app-user-caret" />
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
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
      <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
