module.exports = {
  ...require('../jest.preset'),
  displayName: 'docs',
  rootDir: __dirname,
  // The repository check runs the four built CLIs with --help; give a busy machine room.
  testTimeout: 30_000,
  // npm-start-json.spec.ts runs `npm start`, whose prestart build rewrites dist/ (restored from the
  // cache): no other spec may run the built CLIs meanwhile (project.json also runs this task alone).
  maxWorkers: 1,
};
