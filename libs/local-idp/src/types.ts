/** A login of the local identity provider given at start (the demo logins; a Keycloak realm user, for local runs and tests). */
export interface LocalIdpUser {
  username: string;
  password: string;
  /** Becomes the token's `sub`; the platform maps it to a person. */
  subject: string;
  name: string;
  /** 6-digit administrative unit code, carried as the `unit` claim. */
  unitCode: string;
  /** Realm roles, carried as `realm_access.roles`. */
  roles: string[];
  /** The people's congress body the user belongs to, carried as the `body` claim when set. */
  bodyId?: string | null;
}

export interface LocalIdpOptions {
  /** 0 picks a free port; the real one is reported in `url` and `issuer`. */
  port: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Base URL clients use to reach the IdP; default http://localhost:<port>. */
  publicUrl?: string;
  /** Realm name in the Keycloak-style paths; default 'congress'. */
  realm?: string;
  users: LocalIdpUser[];
  /** Path of a private JWKS JSON, created (RS256, 2048 bits) if missing; without it keys live in memory. */
  keyFile?: string;
  /** Access token lifetime; default 900 s. */
  accessTokenTtlSeconds?: number;
  /** Redirect URI patterns of the congress-web client (a trailing `*` matches any rest). */
  webRedirectUris?: string[];
  /** Secret of the confidential congress-service client; default 'congress-service-secret'. */
  serviceClientSecret?: string;
  /** Secret of the confidential congress-directory client, the admin API's only caller; default 'congress-directory-secret'. */
  directoryClientSecret?: string;
  /**
   * JSON file keeping the users the admin API created or changed (passwords as scrypt hashes),
   * read at start over `users`; without it they live in memory only.
   */
  usersFile?: string;
}

export interface LocalIdp {
  /** `${publicUrl}/realms/${realm}`, what tokens carry as `iss`. */
  issuer: string;
  /** Base URL, i.e. publicUrl. */
  url: string;
  close(): Promise<void>;
}
