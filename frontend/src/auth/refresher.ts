import { stringifyDocument } from '@urql/core';
import { graphql } from '../gql';
import type { TokenStore_RefreshMutation } from '../gql/graphql';
import { RefreshRejectedError, type Refresher } from './tokenStore';

const TokenStoreRefreshMutation = graphql(`
  mutation TokenStore_Refresh($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      accessToken
      accessTokenExpiresAt
      refreshToken
    }
  }
`);

/**
 * Calls the refreshToken mutation with a plain fetch (not through urql, whose
 * fetch is the one that triggers refreshes). The server refusing the token is
 * a RefreshRejectedError (the session is over); a network failure, a 5xx,
 * RATE_LIMITED or INTERNAL is a plain Error, so the tokens are kept.
 */
export function createRefresher(url = '/graphql', baseFetch: typeof fetch = (...a) => fetch(...a)): Refresher {
  const query = stringifyDocument(TokenStoreRefreshMutation);
  return async (refreshToken) => {
    const res = await baseFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ operationName: 'TokenStore_Refresh', query, variables: { refreshToken } }),
    });
    if (res.status >= 500) throw new Error(`refresh failed: HTTP ${res.status}`);
    let body: { data?: TokenStore_RefreshMutation | null; errors?: { message?: string; extensions?: { code?: string } }[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new Error(`refresh failed: HTTP ${res.status}`);
    }
    const pair = body.data?.refreshToken;
    if (pair) return pair;
    const first = body.errors?.[0];
    const code = first?.extensions?.code;
    const message = first?.message ?? `HTTP ${res.status}`;
    // Busy or broken server: try again later with the same token.
    if (code === 'RATE_LIMITED' || code === 'INTERNAL') throw new Error(message);
    throw new RefreshRejectedError(message);
  };
}
