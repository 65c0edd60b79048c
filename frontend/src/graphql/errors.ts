import type { CombinedError } from '@urql/core';
import type { TFunction } from 'i18next';

/** extensions.code values the server sends. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'GRAPHQL_PARSE_FAILED'
  | (string & {});

export function errorCode(err: CombinedError | undefined | null): ErrorCode | undefined {
  const code = err?.graphQLErrors.find((e) => typeof e.extensions?.code === 'string')?.extensions.code;
  return typeof code === 'string' ? code : undefined;
}

/** The message a person reads: the server's own (Chinese first), or a network notice. */
export function errorMessage(err: CombinedError, t: TFunction): string {
  if (err.graphQLErrors.length > 0) {
    const seen = new Set<string>();
    return err.graphQLErrors
      .map((e) => e.message)
      .filter((m) => (seen.has(m) ? false : (seen.add(m), true)))
      .join('；');
  }
  if (err.networkError) return t('error.network');
  return err.message;
}

/**
 * The form field an error is about: extensions.field when the server sends
 * it (the last path segment, so "input.code" becomes "code"), otherwise the
 * first field whose name or one of whose labels the message mentions.
 */
export function errorField<K extends string>(err: CombinedError, fields: Record<K, readonly string[]>): K | undefined {
  for (const e of err.graphQLErrors) {
    const f = e.extensions?.field;
    if (typeof f === 'string' && f) {
      const last = f.split('.').pop() ?? f;
      if (last in fields) return last as K;
    }
  }
  if (errorCode(err) !== 'BAD_USER_INPUT' && errorCode(err) !== 'CONFLICT') return undefined;
  const text = err.graphQLErrors.map((e) => e.message).join(' ');
  for (const name of Object.keys(fields) as K[]) {
    const words = [name, ...fields[name]];
    for (const w of words) {
      if (!w) continue;
      const ascii = /^[A-Za-z_]\w*$/.test(w);
      const found = ascii ? new RegExp(`(^|[^A-Za-z0-9_])${w}($|[^A-Za-z0-9_])`).test(text) : text.includes(w);
      if (found) return name;
    }
  }
  return undefined;
}
