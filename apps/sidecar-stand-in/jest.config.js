module.exports = {
  ...require('../../jest.preset'),
  displayName: 'sidecar-stand-in',
  rootDir: __dirname,
  // The tests start the built stand-in, servers and client as real processes; give slow CI machines room.
  testTimeout: 60_000,
};
