module.exports = { ...require('../../jest.preset'), displayName: 'proto-ts', rootDir: __dirname };
