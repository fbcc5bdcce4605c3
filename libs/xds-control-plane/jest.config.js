module.exports = {
  ...require('../../jest.preset'),
  displayName: 'xds-control-plane',
  rootDir: __dirname,
  // Real gRPC servers and xDS clients on loopback: give each test room, but a bounded one.
  testTimeout: 20_000,
};
