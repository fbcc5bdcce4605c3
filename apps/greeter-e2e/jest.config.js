module.exports = {
  ...require('../../jest.preset'),
  displayName: 'greeter-e2e',
  rootDir: __dirname,
  // Every test runs real server and client processes through restarts, crashes and 10,000-call
  // loads; a busy 2-core CI machine needs the room. Each test still bounds its own waits.
  testTimeout: 60_000,
};
