module.exports = {
  ...require('../../jest.preset'),
  displayName: 'chart',
  rootDir: __dirname,
  // Every test runs helm: without it, fail once up front rather than in each test.
  globalSetup: '<rootDir>/../../libs/testing/src/require-helm.ts',
};
