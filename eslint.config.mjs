import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Any CJK ideograph: the web app's interface text lives in its catalogues, not in code.
const CHINESE = '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]';
// A platform role name (libs/contracts Role).
const ROLE = '^(platform-admin|unit-admin|leader|member|staff|deputy|body-liaison)$';
// Any state of an aggregate (project stages, task, opinion, problem and evaluation statuses): the web
// app takes its state lists from the generated api/enums.generated.ts and what a user may do from
// each aggregate's allowedActions, so it never re-encodes a server rule.
const STATE = '^(reserve|planning|approved|implementing|evaluating|tracking|closed|withdrawn|todo|doing|done|draft|transmitted|assigned|rectifying|close-requested|extended|reopened|open|postponed)$';
const STATE_MESSAGE = 'No status lists or transition tables in the web app: list states from api/enums.generated.ts and enable actions from the aggregate\'s allowedActions (labels and colours per state are fine).';
const CHINESE_MESSAGE = 'Interface text goes in the catalogue of its area, apps/web/src/i18n/zh-CN/<area>.json (and en/<area>.json), and is shown with t(\'key\'), not written in code.';

export default [
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      '.tools/**',
      '.nx/**',
      'tools/**/*.mjs',
      'jest.config.mjs',
      // Generated from the gateway's OpenAPI document by tools/dev/openapi.mjs.
      'apps/web/src/api/schema.d.ts',
      'apps/web/src/api/access.ts',
      'apps/web/src/api/enums.generated.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      // The architecture's first rule: apps import libs, never another app; contracts import nothing of ours.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      // Dev-only libs (test helpers, the local identity provider) never reach production code.
      // (Nx's graph does not tell test files from code, so this is a plain import rule.)
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@congress/testing', message: 'Test helpers are for tests only (*.spec.ts, *.int-spec.ts, *.e2e-spec.ts, test/).' },
            { name: '@congress/local-idp', message: 'The local identity provider is for local runs and tests; production uses Keycloak.' },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    // The web app: React and its hooks' rules; the same module boundaries for .tsx.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    plugins: { '@nx': nx, ...reactHooks.configs.flat['recommended-latest'].plugins },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // The browser app speaks to the platform only over HTTP, through the client generated
          // from the OpenAPI document; its end-to-end test may use the dev-only libs (scope:dev).
          depConstraints: [{ sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:dev'] }],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@congress/*'], message: 'The web app uses no library of the platform: call the API through src/api/client.ts (types generated from the OpenAPI document).' },
            { group: ['**/openapi.json'], message: 'openapi.json is the generator\'s input (1 MB+); import types from src/api/types.ts or schema.d.ts.' },
          ],
        },
      ],
    },
  },
  {
    // No interface text in code: string literals, template literals and JSX text with Chinese
    // characters are refused (comments may be in any language; tests may use Chinese data).
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    ignores: ['apps/web/src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=/${CHINESE}/]`, message: CHINESE_MESSAGE },
        { selector: `TemplateElement[value.raw=/${CHINESE}/]`, message: CHINESE_MESSAGE },
        { selector: `JSXText[value=/${CHINESE}/]`, message: CHINESE_MESSAGE },
        { selector: `ArrayExpression:has(> Literal[value=/${STATE}/] ~ Literal[value=/${STATE}/])`, message: STATE_MESSAGE },
        { selector: `Property[key.name=/${STATE}/] > ArrayExpression.value > Literal[value=/${STATE}/]`, message: STATE_MESSAGE },
        { selector: `Property[key.value=/${STATE}/] > ArrayExpression.value > Literal[value=/${STATE}/]`, message: STATE_MESSAGE },
      ],
    },
  },
  {
    // One shape for every domain service (docs/architecture.md; tools/checks/architecture.spec.ts checks
    // the same over the whole tree): SQL only in repositories, migrations and the demo seeds.
    files: ['apps/*/src/**/*.ts'],
    ignores: ['apps/gateway/**', 'apps/web/**', 'apps/*/src/**/*.repository.ts', 'apps/*/src/migrations/**', 'apps/*/src/seed/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'query', message: 'SQL belongs in the aggregate\'s repository (<aggregate>.repository.ts).' },
        { property: 'createQueryBuilder', message: 'SQL belongs in the aggregate\'s repository (<aggregate>.repository.ts).' },
      ],
    },
  },
  {
    // A feature uses another feature only through its module (which re-exports the feature's service).
    files: ['apps/*/src/*/**/*.ts'],
    ignores: ['apps/gateway/**', 'apps/web/**', 'apps/*/src/migrations/**', 'apps/*/src/seed/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@congress/testing', message: 'Test helpers are for tests only (*.spec.ts, *.int-spec.ts, *.e2e-spec.ts, test/).' },
            { name: '@congress/local-idp', message: 'The local identity provider is for local runs and tests; production uses Keycloak.' },
          ],
          patterns: [
            {
              group: ['../*/*', '!../*/*.module.js', '!../shared/**'],
              message: 'A feature uses another feature only through its module: import from ../<feature>/<feature>.module.js (it re-exports the service).',
            },
          ],
        },
      ],
    },
  },
  {
    // Role sets come from contracts (OFFICE_ROLES, DECIDER_ROLES, ALL_ROLES, ROLES), never re-typed.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['apps/web/**', 'libs/contracts/**', 'libs/local-idp/**', 'libs/testing/**', 'apps/*/src/seed/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `ArrayExpression:has(> Literal[value=/${ROLE}/] ~ Literal[value=/${ROLE}/])`,
          message: 'A set of roles comes from @congress/contracts (OFFICE_ROLES, DECIDER_ROLES, ALL_ROLES), not a literal list.',
        },
      ],
    },
  },
  {
    // Tests may use the dev-only libs; so may those libs themselves.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', 'libs/testing/**/*.ts', 'libs/local-idp/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
