import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.tools/**', '.nx/**', 'apps/web/**', 'tools/**/*.mjs', 'jest.config.mjs'] },
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
    // Tests may use the dev-only libs; so may those libs themselves.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', 'libs/testing/**/*.ts', 'libs/local-idp/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
