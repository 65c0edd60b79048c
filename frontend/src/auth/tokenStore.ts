// Tokens of the signed-in session and the one place that refreshes them.
//
// - The access token (JWT, 15 minutes) lives in memory and in sessionStorage,
//   so a reload of the tab keeps the session but other tabs do not see it.
// - The refresh token (opaque, single use) lives in localStorage. Using one
//   twice makes the server revoke the whole family and sign everyone out, so
//   refreshing is single-flight: inside a tab one promise is shared by every
//   caller, and across tabs a Web Lock serialises refreshes; the refresh token
//   is read from localStorage inside the lock, so a tab that waited uses the
//   token the other tab just received.

export interface TokenPair {
  accessToken: string;
  /** RFC 3339 */
  accessTokenExpiresAt: string;
  refreshToken: string;
}

/** Why the session ended. */
export type SignOutReason = 'signedOut' | 'expired';

export type SessionEvent =
  | { type: 'signedIn' }
  | { type: 'refreshed' }
  | { type: 'signedOut'; reason: SignOutReason };

/** Thrown by a refresher when the server refused the refresh token. */
export class RefreshRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefreshRejectedError';
  }
}

export type Refresher = (refreshToken: string) => Promise<TokenPair>;

export interface TokenStoreOptions {
  refresher: Refresher;
  /** Refresh this long before the access token expires (ms). */
  leewayMs?: number;
  now?: () => number;
  local?: Storage;
  session?: Storage;
  /** Cross-tab lock; defaults to navigator.locks where the browser has it. */
  lock?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Schedule the proactive refresh (off in tests). */
  scheduleTimers?: boolean;
}

export const ACCESS_KEY = 'suiji.accessToken';
export const ACCESS_EXP_KEY = 'suiji.accessTokenExpiresAt';
export const REFRESH_KEY = 'suiji.refreshToken';
const LOCK_NAME = 'suiji.refresh';

function defaultLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks && typeof locks.request === 'function') {
    return locks.request(name, fn) as Promise<T>;
  }
  return fn();
}

export class TokenStore {
  private accessToken: string | null;
  private expiresAt: number;
  private inflight: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<(e: SessionEvent) => void>();
  private readonly refresher: Refresher;
  private readonly leewayMs: number;
  private readonly now: () => number;
  private readonly local: Storage;
  private readonly session: Storage;
  private readonly lock: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  private readonly scheduleTimers: boolean;

  constructor(opts: TokenStoreOptions) {
    this.refresher = opts.refresher;
    this.leewayMs = opts.leewayMs ?? 60_000;
    this.now = opts.now ?? (() => Date.now());
    this.local = opts.local ?? window.localStorage;
    this.session = opts.session ?? window.sessionStorage;
    this.lock = opts.lock ?? defaultLock;
    this.scheduleTimers = opts.scheduleTimers ?? true;
    this.accessToken = this.session.getItem(ACCESS_KEY);
    this.expiresAt = Number(this.session.getItem(ACCESS_EXP_KEY) ?? 0) || 0;
    this.schedule();
  }

  /** The current access token, or null. */
  getAccessToken(): string | null {
    return this.accessToken;
  }

  hasRefreshToken(): boolean {
    return !!this.local.getItem(REFRESH_KEY);
  }

  /** Whether there is anything to sign in with (an access or a refresh token). */
  hasSession(): boolean {
    return !!this.accessToken || this.hasRefreshToken();
  }

  /** Whether the access token is missing or expires within the leeway. */
  needsRefresh(): boolean {
    return !this.accessToken || this.expiresAt - this.now() <= this.leewayMs;
  }

  subscribe(fn: (e: SessionEvent) => void): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }

  private emit(e: SessionEvent) {
    for (const fn of [...this.listeners]) fn(e);
  }

  private store(pair: TokenPair) {
    this.accessToken = pair.accessToken;
    const exp = Date.parse(pair.accessTokenExpiresAt);
    this.expiresAt = Number.isFinite(exp) ? exp : this.now() + 15 * 60_000;
    this.session.setItem(ACCESS_KEY, pair.accessToken);
    this.session.setItem(ACCESS_EXP_KEY, String(this.expiresAt));
    this.local.setItem(REFRESH_KEY, pair.refreshToken);
    this.schedule();
  }

  /** Keeps the tokens of a successful login. */
  signIn(pair: TokenPair) {
    this.store(pair);
    this.emit({ type: 'signedIn' });
  }

  /** Forgets every token. */
  clear(reason: SignOutReason = 'signedOut') {
    const had = this.hasSession();
    this.accessToken = null;
    this.expiresAt = 0;
    this.session.removeItem(ACCESS_KEY);
    this.session.removeItem(ACCESS_EXP_KEY);
    this.local.removeItem(REFRESH_KEY);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (had || reason === 'expired') this.emit({ type: 'signedOut', reason });
  }

  /** The refresh token to hand to logout. */
  getRefreshToken(): string | null {
    return this.local.getItem(REFRESH_KEY);
  }

  /**
   * Trades the refresh token for a new pair. Concurrent callers share one
   * request. Resolves true when there is a fresh access token afterwards.
   * `staleToken` is the access token the caller found rejected: when another
   * refresh already replaced it, no new refresh is made.
   */
  refresh(staleToken?: string | null): Promise<boolean> {
    if (this.inflight) return this.inflight;
    if (staleToken !== undefined && this.accessToken && this.accessToken !== staleToken && !this.needsRefresh()) {
      return Promise.resolve(true);
    }
    this.inflight = this.lock(LOCK_NAME, () => this.doRefresh()).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.local.getItem(REFRESH_KEY);
    if (!refreshToken) {
      if (this.accessToken) this.clear('expired');
      return false;
    }
    try {
      const pair = await this.refresher(refreshToken);
      this.store(pair);
      this.emit({ type: 'refreshed' });
      return true;
    } catch (err) {
      if (err instanceof RefreshRejectedError) {
        this.clear('expired');
        return false;
      }
      // A network failure: keep the tokens, the caller sees its own error.
      return false;
    }
  }

  /** Refreshes first when the access token is about to expire. */
  async ensureFresh(): Promise<void> {
    if (this.hasRefreshToken() && this.needsRefresh()) {
      await this.refresh();
    }
  }

  private schedule() {
    if (!this.scheduleTimers) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.accessToken) return;
    const delay = Math.max(this.expiresAt - this.now() - this.leewayMs, 5_000);
    // setTimeout overflows past ~24.8 days; tokens live 15 minutes anyway.
    this.timer = setTimeout(() => {
      void this.refresh();
    }, Math.min(delay, 2 ** 31 - 1));
  }
}

/** Whether a response says the access token was not accepted. */
export async function isUnauthenticated(res: Response): Promise<boolean> {
  if (res.status === 401) return true;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return false;
  try {
    const body: unknown = await res.clone().json();
    const errors = (body as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors;
    return Array.isArray(errors) && errors.some((e) => e?.extensions?.code === 'UNAUTHENTICATED');
  } catch {
    return false;
  }
}

function withAuth(init: RequestInit | undefined, token: string | null): RequestInit {
  const headers = new Headers(init?.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  else headers.delete('Authorization');
  return { ...init, headers };
}

/**
 * A fetch that sends the access token, refreshes it shortly before it
 * expires, and on an UNAUTHENTICATED answer refreshes once and retries once.
 * urql and the GraphiQL console both use it.
 */
export function createAuthFetch(store: TokenStore, baseFetch: typeof fetch = (...a) => fetch(...a)): typeof fetch {
  return async (input, init) => {
    await store.ensureFresh();
    const token = store.getAccessToken();
    const res = await baseFetch(input, withAuth(init, token));
    if (!token || !(await isUnauthenticated(res))) return res;
    const ok = await store.refresh(token);
    if (!ok) return res;
    return baseFetch(input, withAuth(init, store.getAccessToken()));
  };
}
