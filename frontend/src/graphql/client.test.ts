import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from './client';

// startImport sends its file as a GraphQL multipart request
// (https://github.com/jaydenseric/graphql-multipart-request-spec): @urql/core's
// fetchExchange does this by itself when a variable holds a File.
describe('the GraphQL client', () => {
  it('sends a File variable as a multipart request', async () => {
    const fetchFn = vi.fn(
      async (..._args: Parameters<typeof fetch>) =>
        new Response(JSON.stringify({ data: { startImport: { __typename: 'ImportJob', id: 'SW1wb3J0Sm9iOjE' } } }), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    const client = createGraphQLClient(fetchFn as unknown as typeof fetch, 'http://localhost/graphql');
    const file = new File(['统一社会信用代码,名称\n'], 'objects.csv', { type: 'text/csv' });
    const res = await client
      // a plain string, so that codegen does not take it for one of the app's documents
      .mutation(
        'mutation Test($kind: ImportKind!, $file: Upload!, $dryRun: Boolean) { startImport(kind: $kind, file: $file, dryRun: $dryRun) { id } }',
        {
          kind: 'OBJECTS',
          file,
          dryRun: true,
        },
      )
      .toPromise();
    expect(res.error).toBeUndefined();
    const init = fetchFn.mock.calls[0]![1]!;
    expect(init.method).toBe('POST');
    const body = init.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    // no JSON content type: the browser sets multipart/form-data with its boundary
    expect(new Headers(init.headers).get('content-type')).toBeNull();
    const operations = JSON.parse(body.get('operations') as string) as { variables: Record<string, unknown> };
    expect(operations.variables).toEqual({ kind: 'OBJECTS', file: null, dryRun: true });
    expect(JSON.parse(body.get('map') as string)).toEqual({ 0: ['variables.file'] });
    const sent = body.get('0') as File;
    expect(sent.name).toBe('objects.csv');
  });

  it('sends other requests as JSON', async () => {
    const fetchFn = vi.fn(
      async (..._args: Parameters<typeof fetch>) =>
        new Response(JSON.stringify({ data: { me: null } }), { headers: { 'content-type': 'application/json' } }),
    );
    const client = createGraphQLClient(fetchFn as unknown as typeof fetch, 'http://localhost/graphql');
    await client.query('query Test2 { __typename }', {}).toPromise();
    const init = fetchFn.mock.calls[0]![1]!;
    expect(typeof init.body).toBe('string');
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
  });
});

describe('wsUrl', () => {
  it('turns the GraphQL address into a WebSocket one', async () => {
    const { wsUrl } = await import('./client');
    expect(wsUrl('/graphql', 'https://suiji.example/plans')).toBe('wss://suiji.example/graphql');
    expect(wsUrl('/graphql', 'http://127.0.0.1:18081/')).toBe('ws://127.0.0.1:18081/graphql');
  });
});
