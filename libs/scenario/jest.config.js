module.exports = { ...require('../../jest.preset'), displayName: 'scenario', rootDir: __dirname };
