module.exports = {
  ...require('../../jest.preset'),
  displayName: 'greeter-server',
  rootDir: __dirname,
  // Integration tests start the built server as a real process; give slow CI machines room.
  testTimeout: 30_000,
};
