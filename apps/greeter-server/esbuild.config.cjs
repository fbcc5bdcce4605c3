// greeter-server is one bundle with its npm packages inside, like the health probe: a pod's start
// then resolves and reads no module files (CPU to its `listening` line: 0.18 → 0.13 s on the 2-core
// VM; the lab starts 38 pods per table). grpc-health-check and @grpc/reflection read their .proto
// files at run time from `__dirname/../../proto`; this plugin points those reads at proto/ next to
// the bundle and copies the files there. esbuild has no option for that (its `file` loader copies
// files that are imported, not files read with fs), hence the plugin.
const { cpSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { cjsCliui } = require('../../libs/cli-kit/esbuild/cjs-cliui.cjs');

const PROTO_DIRS = [
  'node_modules/grpc-health-check/proto',
  'node_modules/@grpc/reflection/build/proto',
];
const READS_PROTOS =
  /(grpc-health-check[\\/]build[\\/]src[\\/]health|@grpc[\\/]reflection[\\/]build[\\/]src[\\/]implementations[\\/]reflection-v1(alpha)?)\.js$/;

const bundledProtos = {
  name: 'bundled-protos',
  setup(build) {
    build.onLoad({ filter: READS_PROTOS }, ({ path: file }) => ({
      contents: readFileSync(file, 'utf8').replace(/(['"`/])\.\.\/\.\.\/proto\b/g, '$1proto'),
      loader: 'js',
    }));
    build.onEnd(() => {
      const out = build.initialOptions.outdir ?? path.dirname(build.initialOptions.outfile);
      for (const dir of PROTO_DIRS) cpSync(dir, path.join(out, 'proto'), { recursive: true });
    });
  },
};

module.exports = {
  outExtension: { '.js': '.js' },
  plugins: [bundledProtos, cjsCliui],
};
