import { describe, expect, it, vi } from 'vitest';
import { createRefresher } from './refresher';
import { RefreshRejectedError } from './tokenStore';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createRefresher', () => {
  it('posts the refreshToken mutation and returns the new pair', async () => {
    const pair = { accessToken: 'a2', accessTokenExpiresAt: '2026-11-25T10:15:00+08:00', refreshToken: 'r2' };
    const fetchFn = vi.fn(async () => json({ data: { refreshToken: pair } }));
    await expect(createRefresher('/graphql', fetchFn)('r1')).resolves.toEqual(pair);
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/graphql');
    const body = JSON.parse(String(init.body));
    expect(body.operationName).toBe('TokenStore_Refresh');
    expect(body.variables).toEqual({ refreshToken: 'r1' });
    expect(body.query).toContain('refreshToken(refreshToken: $refreshToken)');
    expect(new Headers(init.headers).get('Authorization')).toBeNull();
  });

  it('is a rejection when the server refuses the token', async () => {
    const fetchFn = vi.fn(async () =>
      json({ data: null, errors: [{ message: '登录已失效 (session expired)', extensions: { code: 'UNAUTHENTICATED' } }] }, 401),
    );
    await expect(createRefresher('/graphql', fetchFn)('r1')).rejects.toBeInstanceOf(RefreshRejectedError);
  });

  it('is a transient failure when the server is busy or down', async () => {
    const limited = vi.fn(async () => json({ errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] }, 429));
    const down = vi.fn(async () => new Response('bad gateway', { status: 502 }));
    for (const f of [limited, down]) {
      const err = await createRefresher('/graphql', f)('r1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(RefreshRejectedError);
    }
  });
});
