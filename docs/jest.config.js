module.exports = {
  ...require('../jest.preset'),
  displayName: 'docs',
  rootDir: __dirname,
  // The repository check runs the four built CLIs with --help; give a busy machine room.
  testTimeout: 30_000,
};
