module.exports = {
  ...require('../../jest.preset'),
  displayName: 'greeter-client',
  rootDir: __dirname,
  // Integration tests start the built server and client as a real process; give slow CI machines room.
  testTimeout: 30_000,
};
