import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../auth/session';
import { errorCode, errorMessage } from '../../graphql/errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import './login.css';

const LoginPageLoginMutation = graphql(`
  mutation LoginPage_Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      accessToken
      accessTokenExpiresAt
      refreshToken
      user {
        ...SessionUser
      }
    }
  }
`);

interface Values {
  username: string;
  password: string;
}

interface LocationState {
  from?: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as LocationState | null)?.from;
  const [{ fetching }, login] = useMutation(LoginPageLoginMutation);
  const [error, setError] = useState<{ message: string; rateLimited: boolean } | null>(null);
  const [form] = Form.useForm<Values>();

  if (session.status === 'signedIn') {
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const onFinish = async (values: Values) => {
    setError(null);
    const res = await login({ username: values.username.trim(), password: values.password });
    if (res.error || !res.data) {
      const message = res.error ? errorMessage(res.error, t) : t('error.unknown');
      setError({ message, rateLimited: errorCode(res.error) === 'RATE_LIMITED' });
      form.setFieldValue('password', '');
      return;
    }
    const { user, ...tokens } = res.data.login;
    session.signIn(tokens, user);
    navigate(from && from !== '/login' ? from : '/', { replace: true });
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card">
        <div className="login-brand">
          <div className="login-logo" aria-hidden>
            随
          </div>
          <h1 className="login-title">
            {t('app.name')} <span className="login-title-latin">suiji</span>
          </h1>
          <p className="login-tagline">{t('app.tagline')}</p>
        </div>
        {session.endReason === 'expired' && !error && (
          <Alert className="login-alert" type="warning" showIcon title={t('login.expired')} data-testid="login-expired" />
        )}
        {error && (
          <Alert
            className="login-alert"
            type={error.rateLimited ? 'warning' : 'error'}
            showIcon
            title={error.rateLimited ? t('login.rateLimited') : t('login.failed')}
            description={error.message}
            data-testid="login-error"
            role="alert"
          />
        )}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} size="large" disabled={fetching}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={fetching} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
        <div className="login-footer">
          <Link to="/open" data-testid="login-open-link">
            {t('login.openLink')}
          </Link>
        </div>
      </main>
    </div>
  );
}
