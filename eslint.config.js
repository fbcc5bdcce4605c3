// One flat config for the whole workspace. The module-boundary rule is what keeps the architecture
// honest, on two axes: by type, apps run things and may import libs, never each other, and libs only
// import "lower" libs; by scope, a project imports only libraries of its own purpose or shared ones.
const nx = require('@nx/eslint-plugin');
const prettier = require('eslint-config-prettier');

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/coverage', 'libs/proto/src/generated/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:engine',
                'type:feature',
                'type:model',
                'type:util',
                'type:proto',
              ],
            },
            {
              sourceTag: 'type:engine',
              onlyDependOnLibsWithTags: ['type:feature', 'type:model', 'type:util', 'type:proto'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:model', 'type:util', 'type:proto'],
            },
            { sourceTag: 'type:model', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:proto', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:chart', onlyDependOnLibsWithTags: ['type:model', 'type:util'] },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:model', 'type:util', 'type:proto', 'type:feature'],
            },
            // What a project is for: the greeter apps and the probe use only what every project
            // shares; the lab's engine and its front ends use the lab's libraries too; the bench
            // measures the lab, so it may use them as well; the chart's and the docs' tests use the
            // shared ones.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:greeter',
              onlyDependOnLibsWithTags: ['scope:greeter', 'scope:shared'],
            },
            { sourceTag: 'scope:probe', onlyDependOnLibsWithTags: ['scope:probe', 'scope:shared'] },
            { sourceTag: 'scope:lab', onlyDependOnLibsWithTags: ['scope:lab', 'scope:shared'] },
            {
              sourceTag: 'scope:bench',
              onlyDependOnLibsWithTags: ['scope:bench', 'scope:lab', 'scope:shared'],
            },
            {
              sourceTag: 'scope:deploy',
              onlyDependOnLibsWithTags: ['scope:deploy', 'scope:shared'],
            },
            { sourceTag: 'scope:docs', onlyDependOnLibsWithTags: ['scope:docs', 'scope:shared'] },
            {
              sourceTag: 'scope:cluster',
              onlyDependOnLibsWithTags: ['scope:cluster', 'scope:shared'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Config files and scripts are CommonJS on purpose (the whole workspace is CJS).
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
];
