module.exports = { ...require('../../jest.preset'), displayName: 'manifests', rootDir: __dirname };
