module.exports = { ...require('../../jest.preset'), displayName: 'cli-kit', rootDir: __dirname };
