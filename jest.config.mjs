// One jest config for the whole repository, run in native ESM mode (NestJS 12 is ESM-only).
// Two tiers: `unit` (*.spec.ts, pure logic, no servers) and `integration`
// (*.int-spec.ts and *.e2e-spec.ts, against the real Postgres and NATS that `npm test` starts).
const paths = {
  '^@congress/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: paths,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
  setupFiles: ['<rootDir>/tools/checks/jest.setup.ts'],
};

export default {
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  // Integration tests start processes and servers; unit tests finish far below this.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/apps/**/*.e2e-spec.ts', '<rootDir>/tools/security/**/*.int-spec.ts'],
    },
  ],
};
