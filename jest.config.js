/** Unit (*.spec.ts), integration (*.int-spec.ts), e2e (tests/e2e/*.e2e-spec.ts) and console browser tests (tests/console) in one run. */
const moduleNameMapper = {
  '^@civic-ledger/(domain|event-store|read-models|audit|config|messaging|privacy|application|composition)$': '<rootDir>/libs/$1/src',
  // The vendor adapters' own entry points (loaded only when configured).
  '^@civic-ledger/(event-store|read-models|privacy|messaging)/(esdb|mongo|kafka)$': '<rootDir>/libs/$1/src/$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const base = { testEnvironment: 'node', moduleNameMapper, transform, rootDir: __dirname };

module.exports = {
  testTimeout: 120000,
  // Starts the real servers integration tests need (tests/infra); CI fails when one cannot start.
  globalSetup: '<rootDir>/tests/infra/global-setup.ts',
  globalTeardown: '<rootDir>/tests/infra/global-teardown.ts',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.e2e-spec.ts'] },
    // The staff console in a real Chromium (playwright-core driving Debian's chromium) against `civic-ledger serve`.
    { ...base, displayName: 'console', testMatch: ['<rootDir>/tests/console/**/*.e2e-spec.ts'] },
  ],
};
