module.exports = {
  ...require('../../jest.preset'),
  displayName: 'greeter-process',
  rootDir: __dirname,
};
