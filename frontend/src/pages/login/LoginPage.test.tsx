import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue } from 'wonka';
import LoginPage from './LoginPage';
import { renderWithProviders, stubClient, testStore } from '../../test/render';
import { REFRESH_KEY } from '../../auth/tokenStore';

function fill(username: string, password: string) {
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

function errorResult(message: string, code: string) {
  return fromValue({
    data: undefined,
    error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code } })] }),
    stale: false,
    hasNext: false,
  });
}

describe('LoginPage', () => {
  it('shows the server message for wrong credentials', async () => {
    const client = stubClient({
      executeMutation: vi.fn(() => errorResult('用户名或密码错误 (wrong username or password)', 'UNAUTHENTICATED')),
    });
    renderWithProviders(<LoginPage />, { client, user: null, path: '/login' });
    fill('admin', 'nope');
    const alert = await screen.findByTestId('login-error');
    expect(alert.textContent).toContain('登录失败');
    expect(alert.textContent).toContain('用户名或密码错误 (wrong username or password)');
    expect(client.executeMutation).toHaveBeenCalledTimes(1);
    const [request] = client.executeMutation.mock.calls[0] as [{ variables: unknown }];
    expect(request.variables).toEqual({ username: 'admin', password: 'nope' });
  });

  it('says so when sign-in is rate-limited', async () => {
    const client = stubClient({
      executeMutation: vi.fn(() => errorResult('尝试次数过多，请 60 秒后再试 (too many attempts)', 'RATE_LIMITED')),
    });
    renderWithProviders(<LoginPage />, { client, user: null, path: '/login' });
    fill('admin', 'x');
    const alert = await screen.findByTestId('login-error');
    expect(alert.textContent).toContain('尝试次数过多');
    expect(alert.textContent).toContain('60 秒');
  });

  it('asks for both fields before calling the server', async () => {
    const client = stubClient();
    renderWithProviders(<LoginPage />, { client, user: null, path: '/login' });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('请输入用户名')).toBeTruthy();
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('keeps the tokens and leaves the page on success', async () => {
    const store = testStore();
    const client = stubClient({
      executeMutation: vi.fn(() =>
        fromValue({
          data: {
            login: {
              accessToken: 'a1',
              accessTokenExpiresAt: '2099-01-01T00:00:00+08:00',
              refreshToken: 'r1',
              user: { id: 'u1', username: 'admin', displayName: '管理员', role: 'ADMIN', department: null },
            },
          },
          stale: false,
          hasNext: false,
        }),
      ),
    });
    renderWithProviders(<LoginPage />, { client, user: null, path: '/login', store });
    fill(' admin ', 'suiji-demo');
    await waitFor(() => expect(screen.getByTestId('elsewhere')).toBeTruthy());
    expect(store.getAccessToken()).toBe('a1');
    expect(localStorage.getItem(REFRESH_KEY)).toBe('r1');
  });
});
