// An esbuild plugin for the apps that bundle yargs (greeter-server, health-probe): cliui, which lays
// out yargs' --help, resolved to its CommonJS build, as Node resolves it for the unbundled apps.
// Why: an `import` of yargs in a bundle resolves to its ESM build (the "import" condition), which
// imports cliui's ESM build, and that build ships a dependency-free `wrap` that breaks a line every N
// characters, mid-word (cliui/build/lib/string-utils.js); the CommonJS build wraps at spaces with
// wrap-ansi. esbuild has no option to resolve one package with other conditions, hence a plugin.
const cjsCliui = {
  name: 'cjs-cliui',
  setup(build) {
    build.onResolve({ filter: /^cliui$/ }, ({ resolveDir }) => ({
      path: require.resolve('cliui', { paths: [resolveDir] }),
    }));
  },
};

module.exports = { cjsCliui };
