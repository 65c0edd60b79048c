import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Client } from '@urql/core';
import { Provider as UrqlProvider } from 'urql';
import { graphql } from '../gql';
import type { Role, SessionUserFragment } from '../gql/graphql';
import { createGraphQLClient } from '../graphql/client';
import { createAuthFetch, type SignOutReason, type TokenPair, type TokenStore } from './tokenStore';

export const SessionUserFragmentDoc = graphql(`
  fragment SessionUser on User {
    id
    username
    displayName
    role
    department {
      id
      code
      name
      shortName
    }
  }
`);

const SessionMeQuery = graphql(`
  query Session_Me {
    me {
      ...SessionUser
    }
  }
`);

const SessionLogoutMutation = graphql(`
  mutation Session_Logout($refreshToken: String) {
    logout(refreshToken: $refreshToken)
  }
`);

export type SessionUser = SessionUserFragment;

export type SessionStatus = 'loading' | 'signedIn' | 'signedOut';

export interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  /** Why the last session ended, until the next sign-in. */
  endReason: SignOutReason | null;
  /** The token store, for the GraphiQL console's fetch. */
  authFetch: typeof fetch;
  signIn: (tokens: TokenPair, user: SessionUser) => void;
  signOut: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

interface Props {
  store: TokenStore;
  children: ReactNode;
  /** For tests: a client to use instead of the real one. */
  client?: Client;
  /** For tests: the initial state. */
  initialUser?: SessionUser | null;
}

/**
 * Holds the signed-in user and the urql client. The client is rebuilt at each
 * sign-in and sign-out so that no cached data outlives the session it was
 * fetched in.
 */
export function SessionProvider({ store, children, client: fixedClient, initialUser }: Props) {
  const authFetch = useMemo(() => createAuthFetch(store), [store]);
  const [generation, setGeneration] = useState(0);
  const client = useMemo(
    () =>
      fixedClient ??
      createGraphQLClient(authFetch, '/graphql', async () => {
        await store.ensureFresh().catch(() => {});
        return store.getAccessToken();
      }),
    // A new client per session generation.
    [fixedClient, authFetch, store, generation],
  );
  const [user, setUser] = useState<SessionUser | null>(initialUser ?? null);
  const [status, setStatus] = useState<SessionStatus>(() =>
    initialUser !== undefined ? (initialUser ? 'signedIn' : 'signedOut') : store.hasSession() ? 'loading' : 'signedOut',
  );
  const [endReason, setEndReason] = useState<SignOutReason | null>(null);
  const clientRef = useRef(client);
  clientRef.current = client;

  // Who is signed in, after a reload.
  useEffect(() => {
    if (status !== 'loading') return;
    let cancelled = false;
    void clientRef.current
      .query(SessionMeQuery, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        if (cancelled) return;
        if (res.data?.me) {
          setUser(res.data.me);
          setStatus('signedIn');
        } else {
          if (res.error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) store.clear('expired');
          setUser(null);
          setStatus('signedOut');
        }
      });
    return () => {
      cancelled = true;
    };
  }, [status, store]);

  useEffect(
    () =>
      store.subscribe((e) => {
        if (e.type === 'signedOut') {
          setUser(null);
          setStatus('signedOut');
          setEndReason(e.reason);
          setGeneration((g) => g + 1);
        }
      }),
    [store],
  );

  const signIn = useCallback(
    (tokens: TokenPair, u: SessionUser) => {
      store.signIn(tokens);
      setGeneration((g) => g + 1);
      setUser(u);
      setEndReason(null);
      setStatus('signedIn');
    },
    [store],
  );

  const signOut = useCallback(async () => {
    const refreshToken = store.getRefreshToken();
    try {
      await clientRef.current.mutation(SessionLogoutMutation, { refreshToken }).toPromise();
    } finally {
      store.clear('signedOut');
    }
  }, [store]);

  const hasRole = useCallback((...roles: Role[]) => !!user && roles.includes(user.role), [user]);

  const value = useMemo<SessionState>(
    () => ({ status, user, endReason, authFetch, signIn, signOut, hasRole }),
    [status, user, endReason, authFetch, signIn, signOut, hasRole],
  );

  return (
    <SessionContext.Provider value={value}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}
