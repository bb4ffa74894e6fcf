/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Only when there is no gateway /config.json (a dev server on its own). */
  readonly VITE_OIDC_AUTHORITY?: string;
  readonly VITE_OIDC_CLIENT_ID?: string;
  readonly VITE_OIDC_SCOPE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
