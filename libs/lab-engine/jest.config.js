module.exports = {
  ...require('../../jest.preset'),
  displayName: 'lab-engine',
  rootDir: __dirname,
  // Real server and client processes, and Istio's pilot: give slow CI machines room.
  testTimeout: 30_000,
};
