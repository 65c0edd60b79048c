import { Client, cacheExchange, fetchExchange } from '@urql/core';

/** The SPA's GraphQL client: same-origin /graphql through the auth-aware fetch. */
export function createGraphQLClient(fetchFn: typeof fetch, url = '/graphql'): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    fetch: fetchFn,
    preferGetMethod: false,
  });
}
