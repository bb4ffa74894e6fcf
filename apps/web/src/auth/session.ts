import { isRole, type Role } from './roles';

/** Who is signed in, from the access token the gateway itself checks (Keycloak's claims). */
export interface Session {
  subject: string;
  username: string;
  /** Display name (`name`), else the username. */
  name: string;
  /** 6-digit unit code (`unit` claim); absent for accounts without a unit. */
  unitCode?: string;
  roles: Role[];
  /** A body liaison's responsible body (`body` claim). */
  bodyId?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
}

/** The payload of a JWT, without verifying it (the gateway verifies; the browser only reads). */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export function sessionFromClaims(claims: Record<string, unknown>): Session {
  const realmAccess = claims.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realmAccess?.roles) ? realmAccess.roles.filter(isRole) : [];
  const username = text(claims.preferred_username) ?? text(claims.sub) ?? '';
  return {
    subject: text(claims.sub) ?? '',
    username,
    name: text(claims.name) ?? username,
    unitCode: text(claims.unit),
    roles,
    bodyId: text(claims.body),
    expiresAt: typeof claims.exp === 'number' ? claims.exp : undefined,
  };
}

/** The session of an access token, or undefined if it is not a readable JWT. */
export function sessionFromAccessToken(token: string): Session | undefined {
  const claims = decodeJwtPayload(token);
  return claims ? sessionFromClaims(claims) : undefined;
}

/**
 * Why a sign-in could not be completed, from what the OIDC client threw: the identity provider's
 * own error (`invalid_scope`, `access_denied`, … with its description) when it sent one back, which
 * the office can pass to the administrator; otherwise nothing to tell (an expired or replayed
 * callback), and the page says so.
 */
export function signInFailureOf(error: unknown): { code: string; description?: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { error: code, error_description: description } = error as { error?: unknown; error_description?: unknown };
  if (typeof code !== 'string' || !/^[\w.-]{1,64}$/.test(code)) return undefined;
  return { code, ...(typeof description === 'string' && description.trim() ? { description: description.trim().slice(0, 300) } : {}) };
}
