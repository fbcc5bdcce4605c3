module.exports = {
  ...require('../../jest.preset'),
  displayName: 'lab',
  rootDir: __dirname,
  // Integration tests start the built lab, servers and client as a real process; give slow CI machines room.
  testTimeout: 30_000,
};
