module.exports = {
  ...require('../../jest.preset'),
  displayName: 'lab-bench',
  rootDir: __dirname,
  // The integration test starts real server and client processes; give slow CI machines room.
  testTimeout: 30_000,
};
