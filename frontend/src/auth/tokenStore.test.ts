import { describe, expect, it, vi } from 'vitest';
import { ACCESS_KEY, createAuthFetch, REFRESH_KEY, RefreshRejectedError, TokenStore, type TokenPair } from './tokenStore';

const NOW = Date.parse('2026-11-25T02:00:00Z');

function pair(n: number, expiresInMs = 15 * 60_000): TokenPair {
  return {
    accessToken: `access-${n}`,
    accessTokenExpiresAt: new Date(NOW + expiresInMs).toISOString(),
    refreshToken: `refresh-${n}`,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const unauthenticated = () =>
  json({ errors: [{ message: '请重新登录 (please sign in again)', extensions: { code: 'UNAUTHENTICATED' } }], data: null });

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function newStore(refresher: (rt: string) => Promise<TokenPair>, now = () => NOW) {
  return new TokenStore({ refresher, now, scheduleTimers: false });
}

/** A server: accepts exactly one access token; everything else is UNAUTHENTICATED. */
function server(valid: () => string) {
  const seen: (string | null)[] = [];
  const fetchFn = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get('Authorization');
    seen.push(auth);
    return auth === `Bearer ${valid()}` ? json({ data: { ok: true } }) : unauthenticated();
  });
  return { fetchFn, seen };
}

describe('TokenStore', () => {
  it('keeps the access token in sessionStorage and the refresh token in localStorage', () => {
    const store = newStore(vi.fn());
    store.signIn(pair(1));
    expect(sessionStorage.getItem(ACCESS_KEY)).toBe('access-1');
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-1');
    expect(localStorage.getItem(ACCESS_KEY)).toBeNull();
    // A reload builds a new store from storage.
    expect(newStore(vi.fn()).getAccessToken()).toBe('access-1');
  });

  it('makes one refresh call for two concurrent UNAUTHENTICATED answers, then retries both', async () => {
    const gate = deferred<TokenPair>();
    const refresher = vi.fn(() => gate.promise);
    const store = newStore(refresher);
    store.signIn(pair(1));
    let valid = 'access-2';
    const { fetchFn, seen } = server(() => valid);
    const authFetch = createAuthFetch(store, fetchFn);

    const a = authFetch('/graphql', { method: 'POST', body: '{}' });
    const b = authFetch('/graphql', { method: 'POST', body: '{}' });
    // Let both first attempts fail and wait on the refresh.
    await vi.waitFor(() => expect(refresher).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    gate.resolve(pair(2));
    const [ra, rb] = await Promise.all([a, b]);

    expect(refresher).toHaveBeenCalledTimes(1);
    expect(refresher).toHaveBeenCalledWith('refresh-1');
    expect(await ra.json()).toEqual({ data: { ok: true } });
    expect(await rb.json()).toEqual({ data: { ok: true } });
    expect(seen).toEqual(['Bearer access-1', 'Bearer access-1', 'Bearer access-2', 'Bearer access-2']);
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-2');
    valid = 'none';
  });

  it('treats HTTP 401 like UNAUTHENTICATED', async () => {
    const refresher = vi.fn(async () => pair(2));
    const store = newStore(refresher);
    store.signIn(pair(1));
    const fetchFn = vi.fn(async (_i: RequestInfo | URL, init?: RequestInit) =>
      new Headers(init?.headers).get('Authorization') === 'Bearer access-2' ? json({ data: {} }) : new Response('', { status: 401 }),
    );
    const res = await createAuthFetch(store, fetchFn)('/graphql', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(refresher).toHaveBeenCalledTimes(1);
  });

  it('retries only once', async () => {
    const refresher = vi.fn(async () => pair(2));
    const store = newStore(refresher);
    store.signIn(pair(1));
    const fetchFn = vi.fn(async () => unauthenticated());
    const res = await createAuthFetch(store, fetchFn)('/graphql', { method: 'POST' });
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(refresher).toHaveBeenCalledTimes(1);
    expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refreshes before sending when the access token is about to expire', async () => {
    const refresher = vi.fn(async () => pair(2));
    const store = newStore(refresher);
    store.signIn(pair(1, 30_000)); // expires within the 60 s leeway
    const { fetchFn, seen } = server(() => 'access-2');
    await createAuthFetch(store, fetchFn)('/graphql', { method: 'POST' });
    expect(refresher).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['Bearer access-2']);
  });

  it('shares one proactive refresh between concurrent requests', async () => {
    const gate = deferred<TokenPair>();
    const refresher = vi.fn(() => gate.promise);
    const store = newStore(refresher);
    store.signIn(pair(1, 10_000));
    const { fetchFn } = server(() => 'access-2');
    const authFetch = createAuthFetch(store, fetchFn);
    const all = Promise.all([authFetch('/a'), authFetch('/b'), authFetch('/c')]);
    gate.resolve(pair(2));
    await all;
    expect(refresher).toHaveBeenCalledTimes(1);
  });

  it('clears the tokens and reports an expired session when the refresh is rejected', async () => {
    const refresher = vi.fn(async () => {
      throw new RefreshRejectedError('refresh token revoked');
    });
    const store = newStore(refresher);
    store.signIn(pair(1));
    const events: unknown[] = [];
    store.subscribe((e) => events.push(e));
    const fetchFn = vi.fn(async () => unauthenticated());
    const res = await createAuthFetch(store, fetchFn)('/graphql', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(store.getAccessToken()).toBeNull();
    expect(localStorage.getItem(REFRESH_KEY)).toBeNull();
    expect(sessionStorage.getItem(ACCESS_KEY)).toBeNull();
    expect(events).toEqual([{ type: 'signedOut', reason: 'expired' }]);
  });

  it('keeps the tokens when the refresh fails on the network', async () => {
    const refresher = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const store = newStore(refresher);
    store.signIn(pair(1));
    await expect(store.refresh()).resolves.toBe(false);
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-1');
  });

  it('does not refresh again for a token that another refresh already replaced', async () => {
    const refresher = vi.fn(async () => pair(2));
    const store = newStore(refresher);
    store.signIn(pair(1));
    await store.refresh('access-1');
    await store.refresh('access-1');
    expect(refresher).toHaveBeenCalledTimes(1);
  });

  it('sends no Authorization header and never refreshes without a session', async () => {
    const refresher = vi.fn();
    const store = newStore(refresher);
    const fetchFn = vi.fn(async () => unauthenticated());
    await createAuthFetch(store, fetchFn)('/graphql', { method: 'POST' });
    expect(refresher).not.toHaveBeenCalled();
    expect(new Headers((fetchFn.mock.calls[0] as unknown as [string, RequestInit])[1].headers).get('Authorization')).toBeNull();
  });

  it('reads the refresh token from localStorage at refresh time (another tab may have rotated it)', async () => {
    const refresher = vi.fn(async () => pair(3));
    const store = newStore(refresher);
    store.signIn(pair(1));
    localStorage.setItem(REFRESH_KEY, 'refresh-2'); // another tab refreshed
    await store.refresh();
    expect(refresher).toHaveBeenCalledWith('refresh-2');
  });
});
