// health-probe is one bundle with yargs inside: its --help needs cliui's CommonJS build (see the plugin).
const { cjsCliui } = require('../../libs/cli-kit/esbuild/cjs-cliui.cjs');

module.exports = {
  outExtension: { '.js': '.js' },
  plugins: [cjsCliui],
};
