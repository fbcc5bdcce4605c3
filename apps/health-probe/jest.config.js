module.exports = {
  ...require('../../jest.preset'),
  displayName: 'health-probe',
  rootDir: __dirname,
  // Integration tests start the built probe against the built server as a real process; give slow CI machines room.
  testTimeout: 30_000,
};
