import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import type { Client } from '@urql/core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { never } from 'wonka';
import { LocaleProvider } from '../i18n/LocaleProvider';
import { SessionProvider, type SessionUser } from '../auth/session';
import { TokenStore } from '../auth/tokenStore';

export const adminUser: SessionUser = {
  id: 'VXNlcjox',
  username: 'admin',
  displayName: '管理员',
  role: 'ADMIN',
  department: null,
};

/** A client whose operations the test answers; by default nothing ever arrives. */
export function stubClient(overrides: Partial<Record<'executeQuery' | 'executeMutation' | 'executeSubscription', unknown>> = {}) {
  return {
    executeQuery: vi.fn(() => never),
    executeMutation: vi.fn(() => never),
    executeSubscription: vi.fn(() => never),
    ...overrides,
  } as unknown as Client & {
    executeQuery: ReturnType<typeof vi.fn>;
    executeMutation: ReturnType<typeof vi.fn>;
  };
}

export function testStore() {
  return new TokenStore({
    refresher: vi.fn(async () => {
      throw new Error('no refresh in this test');
    }),
    scheduleTimers: false,
  });
}

interface Options {
  client: Client;
  user?: SessionUser | null;
  path?: string;
  route?: string;
  store?: TokenStore;
}

/** Renders ui inside the app's providers (Chinese, a signed-in user by default). */
export function renderWithProviders(ui: ReactElement, { client, user = adminUser, path = '/', route, store = testStore() }: Options) {
  return render(
    <LocaleProvider initial="zh">
      <SessionProvider store={store} client={client} initialUser={user}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route ?? path} element={ui} />
            <Route path="*" element={<div data-testid="elsewhere" />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </LocaleProvider>,
  );
}
