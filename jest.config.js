// ESM all the way: middy v5+ ships only ESM, so the tests load the code the way Lambda does.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/log-capture.ts'],
  testTimeout: 30000,
  // Half the cores run test files; DynamoDB Local's Java and the processes the e2e tests start need
  // the rest. On 2 cores that is one file at a time: 10.6 min for the suite, against 13.3 min (and
  // timeouts under load) with two.
  maxWorkers: '50%',
};
