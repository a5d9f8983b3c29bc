// Lint for the whole workspace. The module-boundary rules below are the architecture in code:
// docs/project-layout.md explains them; tools/test/module-boundaries.test.ts proves they bite.
import nx from '@nx/eslint-plugin';

/** Only data-access libs talk to AWS or Redis; everything else goes through them. */
const infrastructureSdks = ['@aws-sdk/*', 'ioredis'];

/** Transports belong to apps, contracts and adapter libs; domain and util code knows none of them. */
const transports = ['fastify', '@fastify/*', '@grpc/*'];

/** The root vitest preset and its reporter belong to no project; every project's test config uses them. */
const rootTestConfigs = ['^(\\.\\./)+vitest\\.(preset|timing-reporter)(\\.ts)?$'];

/**
 * Who may import whom: the architecture in code (see docs/project-layout.md). `tests` relaxes
 * some rules for test files only.
 */
function dependencyConstraints({ tests }) {
  return [
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:data-access', 'type:contract', 'type:adapter', 'type:config', 'type:util', 'type:testing'],
      bannedExternalImports: infrastructureSdks,
    },
    {
      // An app's operating surface, its configuration schema and metric definitions: read by the
      // app, and by tools (the docs, the charts).
      sourceTag: 'type:config',
      // Its tests hold the generated reference docs to it with the harness's markedSection.
      onlyDependOnLibsWithTags: tests ? ['type:contract', 'type:util', 'type:testing'] : ['type:contract', 'type:util'],
      bannedExternalImports: [...infrastructureSdks, ...transports],
    },
    {
      // A util lib's binding to one transport (e.g. the ops routes on a Fastify server).
      sourceTag: 'type:adapter',
      onlyDependOnLibsWithTags: ['type:util'],
      bannedExternalImports: infrastructureSdks,
    },
    {
      sourceTag: 'type:data-access',
      // A data-access lib's tests provision their resources with the harness, like everyone's.
      onlyDependOnLibsWithTags: tests ? ['type:util', 'type:testing'] : ['type:util'],
    },
    {
      sourceTag: 'type:contract',
      // Its tests may hold a generated reference doc to it with the harness's markedSection.
      onlyDependOnLibsWithTags: tests ? ['type:util', 'type:testing'] : ['type:util'],
      bannedExternalImports: infrastructureSdks,
    },
    {
      sourceTag: 'type:util',
      onlyDependOnLibsWithTags: ['type:util'],
      bannedExternalImports: [...infrastructureSdks, ...transports],
    },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: ['type:data-access', 'type:contract', 'type:util', 'type:testing'],
      bannedExternalImports: infrastructureSdks,
    },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    // tools/ serves every app (charts, docs, benchmarks): it may read every scope's libs.
    { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:inventory', 'scope:reservation', 'scope:worker'] },
    { sourceTag: 'scope:inventory', onlyDependOnLibsWithTags: ['scope:inventory', 'scope:shared'] },
    { sourceTag: 'scope:reservation', onlyDependOnLibsWithTags: ['scope:reservation', 'scope:shared'] },
    { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:worker', 'scope:shared'] },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.local/**', '.nx/**', 'libs/contracts/*/src/generated/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { allow: rootTestConfigs, depConstraints: dependencyConstraints({ tests: false }) },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The test harness builds throwaway resources; production code must never reach for it.
    files: ['apps/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@ticketing/testing', message: 'The test harness is for tests only.' }] },
      ],
    },
  },
  {
    files: ['libs/**/test/**/*.ts', 'libs/**/*.test.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { allow: rootTestConfigs, depConstraints: dependencyConstraints({ tests: true }) },
      ],
    },
  },
  {
    // Tests assert their way to the values they inspect; a failed `!` fails the test loudly anyway.
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
