import { ROLES, type Actor, type Role } from '@congress/contracts';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

export interface KeycloakSettings {
  /** Base URL of Keycloak (or the local identity provider), e.g. http://localhost:8080 */
  url: string;
  realm: string;
  /** The token's `aud` must contain it (an ID token or another client's token does not). */
  audience: string;
  /** Issuer to expect when Keycloak's public URL differs from the one services reach it by. */
  issuer?: string;
}

export class TokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenError';
  }
}

interface KeycloakClaims extends JWTPayload {
  preferred_username?: string;
  name?: string;
  unit?: string;
  body?: string;
  realm_access?: { roles?: string[] };
}

/**
 * Verifies Keycloak access tokens: RS256 signature against the realm's JWKS (fetched and cached
 * by jose, refetched when an unknown key id appears), issuer, expiry, audience.
 */
export class TokenVerifier {
  readonly issuer: string;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  /**
   * Tokens already verified, until they expire (at most CACHE_MAX_MS): a browser sends the same
   * token with every request, and RS256 verification is most of the gateway's own work. Like the
   * JWT itself, a cached token stays valid until its expiry.
   */
  private readonly verified = new Map<string, { actor: Actor; until: number }>();
  private static readonly CACHE_SIZE = 10_000;
  private static readonly CACHE_MAX_MS = 5 * 60_000;

  constructor(private readonly settings: KeycloakSettings) {
    const base = settings.url.replace(/\/$/, '');
    this.issuer = settings.issuer ?? `${base}/realms/${settings.realm}`;
    this.jwks = createRemoteJWKSet(new URL(`${base}/realms/${settings.realm}/protocol/openid-connect/certs`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
    });
  }

  async verify(token: string): Promise<Actor> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit && hit.until > now) return hit.actor;
    if (hit) this.verified.delete(token);
    const { actor, exp } = await this.verifyUncached(token);
    if (this.verified.size >= TokenVerifier.CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { actor, until: Math.min(exp * 1000, now + TokenVerifier.CACHE_MAX_MS) });
    return actor;
  }

  private async verifyUncached(token: string): Promise<{ actor: Actor; exp: number }> {
    let payload: KeycloakClaims;
    try {
      ({ payload } = await jwtVerify<KeycloakClaims>(token, this.jwks, {
        issuer: this.issuer,
        audience: this.settings.audience,
        algorithms: ['RS256'],
        clockTolerance: 5,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new TokenError('令牌已过期');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw new TokenError(`令牌声明无效：${error.claim}`);
      if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) {
        throw new TokenError('令牌签名无效');
      }
      if (error instanceof joseErrors.JOSEError) throw new TokenError('令牌无效');
      throw error;
    }
    const roles = (payload.realm_access?.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const unitCode = typeof payload.unit === 'string' && /^\d{6}$/.test(payload.unit) ? payload.unit : undefined;
    const actor: Actor = {
      subject: payload.sub!,
      username: payload.preferred_username,
      name: payload.name,
      unitCode,
      roles,
      ...(payload.body ? { bodyId: payload.body } : {}),
    };
    return { actor, exp: payload.exp! };
  }
}

/** Extracts the token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*)$/i.exec(header.trim());
  return match?.[1];
}
