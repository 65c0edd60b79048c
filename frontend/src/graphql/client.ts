import { Client, cacheExchange, fetchExchange, subscriptionExchange, type Exchange } from '@urql/core';
import type { Client as WsClient } from 'graphql-ws';

/** The WebSocket address of a same-origin (or absolute http) GraphQL URL. */
export function wsUrl(url: string, base: string = typeof location !== 'undefined' ? location.href : 'http://localhost/'): string {
  const u = new URL(url, base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

/**
 * Subscriptions over graphql-transport-ws (graphql-ws), loaded and connected
 * only when the first subscription starts, so that the first chunk stays
 * small. The access token goes in the connection_init payload.
 */
export function wsSubscriptionExchange(url: string, getToken: () => string | null | Promise<string | null>): Exchange {
  let ws: Promise<WsClient> | null = null;
  const connect = () =>
    (ws ??= import('graphql-ws').then(({ createClient }) =>
      createClient({
        url: wsUrl(url),
        lazy: true,
        connectionParams: async () => {
          const token = await getToken();
          return token ? { Authorization: `Bearer ${token}` } : {};
        },
      }),
    ));
  return subscriptionExchange({
    forwardSubscription(request) {
      const input = { ...request, query: request.query || '' };
      return {
        subscribe(sink) {
          let dispose: (() => void) | null = null;
          let closed = false;
          void connect().then(
            (client) => {
              if (!closed) dispose = client.subscribe(input, sink);
            },
            (err: unknown) => sink.error(err),
          );
          return {
            unsubscribe() {
              closed = true;
              dispose?.();
            },
          };
        },
      };
    },
  });
}

/** The SPA's GraphQL client: same-origin /graphql through the auth-aware fetch, subscriptions over WebSocket. */
export function createGraphQLClient(fetchFn: typeof fetch, url = '/graphql', getToken?: () => string | null | Promise<string | null>): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange, ...(getToken ? [wsSubscriptionExchange(url, getToken)] : [])],
    fetch: fetchFn,
    preferGetMethod: false,
  });
}
