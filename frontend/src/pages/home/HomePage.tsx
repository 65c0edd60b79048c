import { Card, Col, Descriptions, Row, Typography } from 'antd';
import {
  FileSearchOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  CodeOutlined,
  GlobalOutlined,
  IdcardOutlined,
  ProfileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/session';
import { menuForRole, type MenuKey } from '../layout/menu';
import './home.css';

const ICONS: Partial<Record<MenuKey, ReactNode>> = {
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

/** 首页: who is signed in and where to go. Dashboards come with later issues. */
export default function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  const links = menuForRole(user.role).filter((m) => m.key !== 'home');

  return (
    <div data-testid="home-page">
      <Card className="home-welcome" variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
        <Descriptions
          column={{ xs: 1, sm: 2, md: 3 }}
          size="small"
          items={[
            { key: 'username', label: t('home.username'), children: user.username },
            { key: 'role', label: t('home.role'), children: <span data-testid="home-role">{t(`role.${user.role}`)}</span> },
            {
              key: 'department',
              label: t('home.department'),
              children: (
                <span data-testid="home-department">
                  {user.department ? `${user.department.name}（${user.department.code}）` : t('home.noDepartment')}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Typography.Title level={5} className="home-section-title">
        {t('home.quickLinks')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {links.map((m) => (
          <Col key={m.key} xs={24} sm={12} lg={8} xl={6}>
            <Link to={m.path} className="home-link" data-testid={`home-link-${m.key}`}>
              <Card hoverable className="home-link-card" variant="borderless">
                <div className="home-link-icon">{ICONS[m.key]}</div>
                <div>
                  <div className="home-link-title">{t(m.label)}</div>
                  <Typography.Text type="secondary">{t(`home.linkDesc.${m.key}`)}</Typography.Text>
                </div>
              </Card>
            </Link>
          </Col>
        ))}
        <Col xs={24} sm={12} lg={8} xl={6}>
          <Link to="/open" className="home-link" data-testid="home-link-open">
            <Card hoverable className="home-link-card" variant="borderless">
              <div className="home-link-icon">
                <GlobalOutlined />
              </div>
              <div>
                <div className="home-link-title">{t('nav.open')}</div>
                <Typography.Text type="secondary">{t('home.linkDesc.open')}</Typography.Text>
              </div>
            </Card>
          </Link>
        </Col>
      </Row>
    </div>
  );
}
