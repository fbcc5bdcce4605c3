// One flat config for the whole workspace. The module-boundary rule is what keeps the architecture
// honest: apps run things and may import libs, never each other; libs only import "lower" libs.
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
