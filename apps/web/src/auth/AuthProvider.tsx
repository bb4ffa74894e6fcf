import type { User, UserManager } from 'oidc-client-ts';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { configureApiAuth } from '../api/client';
import { currentLanguage } from '../i18n';
import { SIGNED_OUT_PATH } from './oidc';
import { sessionFromAccessToken, type Session } from './session';

export type AuthState =
  | { status: 'checking' }
  | { status: 'authenticated'; session: Session }
  | { status: 'anonymous' }
  | { status: 'signing-out' }
  /** idp: the identity provider could not be reached; loop: it signs us in but the API keeps refusing the token. */
  | { status: 'error'; reason: 'idp' | 'loop' };

export interface AuthContextValue {
  state: AuthState;
  userManager: UserManager;
  /** Sends the browser to the identity provider; back at `returnTo` afterwards. */
  signIn(returnTo?: string): Promise<void>;
  /** Ends the session at the identity provider too (RP-initiated logout), then /auth/signed-out. */
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

// Three sign-ins within half a minute mean the API refuses what the identity provider issues
// (a misconfigured issuer or audience): stop and say so instead of redirecting for ever.
const ATTEMPTS_KEY = 'congress.auth.attempts';
const ATTEMPT_WINDOW_MS = 30_000;
const MAX_ATTEMPTS = 3;

function recentAttempts(): number[] {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(ATTEMPTS_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((t): t is number => typeof t === 'number' && Date.now() - t < ATTEMPT_WINDOW_MS) : [];
  } catch {
    return [];
  }
}

export function clearSignInAttempts(): void {
  window.sessionStorage.removeItem(ATTEMPTS_KEY);
}

export function AuthProvider({ userManager, children }: { userManager: UserManager; children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });
  const signingOut = useRef(false);

  useEffect(() => {
    let active = true;
    const apply = (user: User | null) => {
      if (!active || signingOut.current) return;
      const session = user && !user.expired ? sessionFromAccessToken(user.access_token) : undefined;
      setState(session ? { status: 'authenticated', session } : { status: 'anonymous' });
    };
    const onLoaded = (user: User) => apply(user);
    const onUnloaded = () => apply(null);
    // Silent renewal failed and the token ran out: sign in again.
    const onExpired = () => void userManager.getUser().then(apply);
    userManager.events.addUserLoaded(onLoaded);
    userManager.events.addUserUnloaded(onUnloaded);
    userManager.events.addAccessTokenExpired(onExpired);
    void (async () => {
      let user = await userManager.getUser();
      if (user?.expired && user.refresh_token) {
        // Back after a while (a laptop lid): renew with the refresh token rather than a full sign-in.
        user = await userManager.signinSilent().catch(async () => {
          await userManager.removeUser();
          return null;
        });
      }
      apply(user);
    })();
    return () => {
      active = false;
      userManager.events.removeUserLoaded(onLoaded);
      userManager.events.removeUserUnloaded(onUnloaded);
      userManager.events.removeAccessTokenExpired(onExpired);
    };
  }, [userManager]);

  useEffect(() => {
    configureApiAuth({
      accessToken: async () => {
        const user = await userManager.getUser();
        return user && !user.expired ? user.access_token : null;
      },
      // The gateway refused the token: forget it, RequireAuth then signs in again.
      onUnauthenticated: () => void userManager.removeUser(),
      onAuthorised: clearSignInAttempts,
    });
  }, [userManager]);

  const signIn = useCallback(
    async (returnTo = '/') => {
      const attempts = recentAttempts();
      if (attempts.length >= MAX_ATTEMPTS) {
        setState({ status: 'error', reason: 'loop' });
        return;
      }
      window.sessionStorage.setItem(ATTEMPTS_KEY, JSON.stringify([...attempts, Date.now()]));
      try {
        await userManager.signinRedirect({ state: { returnTo }, ui_locales: currentLanguage() });
      } catch {
        setState({ status: 'error', reason: 'idp' });
      }
    },
    [userManager],
  );

  const signOut = useCallback(async () => {
    signingOut.current = true;
    setState({ status: 'signing-out' });
    clearSignInAttempts();
    // Revoke the refresh token first, best effort: a copy of it is worthless afterwards. (The
    // revocation endpoint answers 200 with an empty body, which oidc-client-ts reports as an
    // error although the token is gone, so revocation is not left to signoutRedirect.)
    // Never more than two seconds: logging out must not wait on a slow identity provider.
    await Promise.race([userManager.revokeTokens(['refresh_token']).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    try {
      await userManager.signoutRedirect();
    } catch {
      // The identity provider is unreachable: at least forget the tokens here.
      await userManager.removeUser().catch(() => undefined);
      window.location.assign(SIGNED_OUT_PATH);
    }
  }, [userManager]);

  const value = useMemo(() => ({ state, userManager, signIn, signOut }), [state, userManager, signIn, signOut]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth() outside <AuthProvider>');
  return context;
}

/** The signed-in user; only inside <RequireAuth>. */
export function useSession(): Session {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useSession() outside <RequireAuth>');
  return state.session;
}
