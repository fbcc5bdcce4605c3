module.exports = {
  ...require('../../jest.preset'),
  displayName: 'cluster',
  rootDir: __dirname,
  // Each file starts a whole cluster (etcd, API server, controllers, a node) and runs real pods.
  testTimeout: 180_000,
  // One cluster at a time: two cores cannot start two control planes and keep either quick.
  maxWorkers: 1,
};
