// oidc-provider 9 ships JavaScript only and @types/oidc-provider is not installed: this is a
// hand-written typing of exactly the parts this library uses. Extend it when you use more;
// do not reach for `any`. Shapes follow oidc-provider 9.13 (lib/provider.js, lib/models/*).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The Koa context as far as we touch it (koa ships no types either). */
  export interface KoaContext {
    req: IncomingMessage;
    res: ServerResponse;
    /** Settable: Koa sets the request's method (used to hand a logout POST on as a GET). */
    method: string;
    path: string;
    /** The URL's query without `?`; settable (rewrites the request URL). */
    querystring: string;
    status: number;
    body: unknown;
    type: string;
    get(field: string): string;
    set(field: string, value: string): void;
    redirect(url: string): void;
    /** Only defined inside oidc-provider's own routes, not in middleware added with `use`. */
    oidc: OIDCContext;
  }

  export type Next = () => Promise<unknown>;
  export type Middleware = (ctx: KoaContext, next: Next) => Promise<unknown> | unknown;

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: unknown, rejected: string[]): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Session {
    jti: string;
    accountId?: string;
    grantIdFor(clientId: string): string | undefined;
  }

  export interface OIDCContext {
    provider: Provider;
    client?: Client;
    account?: Account;
    session?: Session;
    route: string;
    params: Record<string, unknown>;
    result?: { consent?: { grantId?: string } };
    requestParamOIDCScopes: Set<string>;
    requestParamScopes: Set<string>;
    requestParamClaims: Set<string>;
    resourceServers: Record<string, ResourceServer>;
    entity(name: string, value: unknown): void;
    /** What the route has loaded and checked, e.g. the logout's id_token_hint (decoded after validation). */
    entities: { IdTokenHint?: { payload: Record<string, unknown> } };
  }

  export interface Client {
    clientId: string;
    clientAuthMethod: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
    grantTypeAllowed(grantType: string): boolean;
    /** Constant-time comparison with the registered secret. */
    compareClientSecret(actual: string): boolean;
    redirectUriAllowed(redirectUri: string): boolean;
    postLogoutRedirectUriAllowed(redirectUri: string): boolean;
  }

  export interface ClientStatic {
    prototype: Client;
    find(clientId: string): Promise<Client | undefined>;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg?: string; kid?: string } };
  }

  export interface ResourceServer extends ResourceServerInfo {
    identifier(): string;
    readonly scopes: Set<string>;
  }

  /** Fields shared by the token models (BaseToken and friends). */
  export interface BaseToken {
    jti: string;
    kind: string;
    accountId?: string;
    clientId: string;
    grantId?: string;
    gty?: string;
    scope?: string;
    sid?: string;
    iat?: number;
    exp?: number;
    readonly expiration: number;
    save(): Promise<string>;
  }

  export interface AccessToken extends BaseToken {
    resourceServer?: ResourceServer;
    readonly tokenType: string;
  }

  export interface TokenInit {
    accountId?: string;
    client: Client;
    grantId?: string;
    gty?: string;
    scope?: string;
    resource?: string;
    rotations?: number;
    expiresWithSession?: boolean;
  }

  /** The storage adapter of one model (oidc-provider's MemoryAdapter here). */
  export interface Adapter {
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Grant {
    jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface IdToken {
    scope: string;
    issue(options: { use: 'idtoken' }): Promise<string>;
  }

  export interface Interaction {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
    grantId?: string;
    returnTo: string;
  }

  export type InteractionResults = {
    login?: { accountId: string; remember?: boolean };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  };

  /** The JWT access token being built, handed to `formats.customizers.jwt`. */
  export interface StructuredJwt {
    header?: Record<string, unknown>;
    payload: Record<string, unknown>;
  }

  export type TtlFunction = (ctx: KoaContext | undefined, token: unknown, client?: Client) => number;

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    application_type?: 'web' | 'native';
    token_endpoint_auth_method?: string;
    grant_types?: string[];
    response_types?: string[];
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    jwks?: { keys: object[] };
    cookies?: {
      keys?: string[];
      long?: Record<string, unknown>;
      short?: Record<string, unknown>;
    };
    claims?: Record<string, string[] | null>;
    scopes?: string[];
    responseTypes?: string[];
    clientBasedCORS?: (ctx: KoaContext, origin: string, client: Client) => boolean;
    findAccount?: (ctx: KoaContext, sub: string) => Promise<Account | undefined> | Account | undefined;
    loadExistingGrant?: (ctx: KoaContext) => Promise<Grant | undefined>;
    issueRefreshToken?: (ctx: KoaContext, client: Client, source: unknown) => Promise<boolean> | boolean;
    rotateRefreshToken?: boolean | ((ctx: KoaContext) => boolean);
    pkce?: { required?: (ctx: KoaContext, client: Client) => boolean };
    routes?: Record<string, string>;
    ttl?: Record<string, number | TtlFunction>;
    interactions?: { url?: (ctx: KoaContext, interaction: Interaction) => Promise<string> | string };
    formats?: { customizers?: { jwt?: (ctx: KoaContext | undefined, token: AccessToken, jwt: StructuredJwt) => Promise<void> | void } };
    renderError?: (ctx: KoaContext, out: Record<string, string>, error: Error) => Promise<void> | void;
    features?: Record<string, Record<string, unknown>>;
    [key: string]: unknown;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    /** Koa's "trust X-Forwarded-* headers" switch. */
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    use(middleware: Middleware): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    registerGrantType(
      name: string,
      handler: (ctx: KoaContext) => Promise<void>,
      params?: string | string[] | Set<string>,
      dupes?: string | string[] | Set<string>,
    ): void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;

    readonly Client: ClientStatic;
    readonly Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined>; readonly adapter: Adapter };
    readonly Session: { readonly adapter: Adapter };
    readonly AccessToken: new (init: TokenInit) => AccessToken;
    readonly RefreshToken: new (init: TokenInit) => BaseToken;
    readonly IdToken: new (claims: Record<string, unknown>, options: { ctx: KoaContext }) => IdToken;
    readonly ResourceServer: new (identifier: string, info: ResourceServerInfo) => ResourceServer;
  }

  export namespace errors {
    class OIDCProviderError extends Error {
      constructor(status: number, message: string);
      error: string;
      error_description?: string;
      status: number;
      statusCode: number;
      expose: boolean;
    }
    class CustomOIDCProviderError extends OIDCProviderError {
      constructor(error: string, description: string);
    }
    class InvalidRequest extends OIDCProviderError {
      constructor(description?: string, status?: number);
    }
    class InvalidTarget extends OIDCProviderError {
      constructor(description?: string);
    }
  }

  export default Provider;
}
