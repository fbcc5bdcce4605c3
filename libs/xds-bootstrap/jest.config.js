module.exports = {
  ...require('../../jest.preset'),
  displayName: 'xds-bootstrap',
  rootDir: __dirname,
};
