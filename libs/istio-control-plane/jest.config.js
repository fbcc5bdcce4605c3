module.exports = {
  ...require('../../jest.preset'),
  displayName: 'istio-control-plane',
  rootDir: __dirname,
  // Istio's discovery server, real greeter servers and xDS clients: each test needs seconds, and
  // a bounded number of them.
  testTimeout: 60_000,
};
